package main

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type syncOptions struct {
	articles []string
	json     bool
	prune    bool
}

func newSyncCmd(e *env) *cobra.Command {
	opts := syncOptions{}
	cmd := &cobra.Command{
		Use:   "sync [ARTICLE...]",
		Short: "Re-segment articles and carry translations over",
		Long: heredoc.Doc(`
			Re-segment the source articles (all, or those named) and update the
			message files: the source catalog gets the current text of every
			segment; in every other language unchanged text keeps its
			translation, edited text keeps it but marks it stale (the previous
			source is kept for the translator), removed segments leave (their
			translations go to the translation memory) and new ones are missing.

			Running sync twice changes nothing the second time.
		`),
		Example: heredoc.Doc(`
			$ tilmash sync
			$ tilmash sync kazakhstan-turkey
		`),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.articles = args
			return runSync(e, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, `print {"articles": [...], "orphans": [...]} as JSON`)
	cmd.Flags().BoolVar(&opts.prune, "prune", false, "remove the message files of deleted articles (their translations go to the translation memory)")
	return cmd
}

func runSync(e *env, opts syncOptions) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	f, err := filterOf(e, ws, opts.articles, nil)
	if err != nil {
		return err
	}
	plan, reports, err := ws.Sync(e.ctx, f.Articles)
	var bad workflow.ArticleErrors
	if err != nil && !errors.As(err, &bad) {
		return err
	}
	if err := syncRest(e, ws, opts, f, plan, reports); err != nil {
		return err
	}
	if len(bad) > 0 {
		return bad // the good articles are synced; these are named with what to do
	}
	return nil
}

// syncRest writes what sync planned for the articles it could read, with
// the orphans' removal under --prune, and reports it.
func syncRest(e *env, ws *workflow.Workspace, opts syncOptions, f workflow.Filter, plan *workflow.Plan, reports []workflow.SyncReport) error {
	var err error
	orphans := []string{}
	if len(f.Articles) == 0 {
		if orphans, err = ws.Orphans(reports); err != nil {
			return err
		}
		if opts.prune {
			if err := ws.Prune(plan, orphans); err != nil {
				return err
			}
		}
	}
	if err := ws.Apply(e.ctx, e.writer, plan); err != nil {
		return err
	}
	if opts.json {
		return writeJSON(e, map[string]any{"articles": reports, "orphans": orphans})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tSEGMENTS\tSAME\tEDITED\tNEW\tREMOVED")
	for _, r := range reports {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\n", r.Article, r.Segments, r.Same, r.Edited, r.New, r.Removed)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(orphans) > 0 {
		if opts.prune {
			fmt.Fprintf(e.stdout, "Removed the message files of deleted %s %s; their translations went to the translation memory\n", plural(len(orphans), "article", "articles"), strings.Join(orphans, ", "))
		} else {
			fmt.Fprintf(e.stderr, "tilmash: locales hold the message files of deleted %s %s: run tilmash sync --prune to remove them (their translations go to the translation memory)\n", plural(len(orphans), "article", "articles"), strings.Join(orphans, ", "))
		}
	}
	for _, r := range reports {
		for _, w := range r.Warnings {
			where, what, _ := strings.Cut(w, ": ")
			fmt.Fprintf(e.stderr, "tilmash: %s: warning: %s\n", where, what)
		}
		if r.Restored > 0 {
			fmt.Fprintf(e.stdout, "%s: %d %s restored from the translation memory (the same text was in the article before)\n", r.Article, r.Restored, plural(r.Restored, "translation", "translations"))
		}
		if r.RenamedFrom != "" {
			fmt.Fprintf(e.stdout, "%s: renamed from %s; its translations moved with it\n", r.Article, r.RenamedFrom)
		}
	}
	return nil
}
