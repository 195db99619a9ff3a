package main

import (
	"fmt"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type resolveOptions struct {
	article string
	lang    string
	segment string
	take    string
	by      string
	json    bool
}

func newResolveCmd(e *env) *cobra.Command {
	opts := resolveOptions{}
	cmd := &cobra.Command{
		Use:   "resolve --article A --lang L --segment ID --take ours|theirs",
		Short: "Close an open conflict between two translations of a segment",
		Long: heredoc.Doc(`
			Close the open conflict of a segment: two translations of it met in
			a git merge, the message file keeps one (ours) and the sidecar the
			other (theirs). --take ours keeps the current translation; --take
			theirs makes the other one current. The translation set aside stays
			in the segment's history (tilmash log) and in the translation
			memory. A push of a new translation closes a conflict as well.

			tilmash status counts open conflicts; tilmash log --segment ID shows
			both texts.
		`),
		Example: heredoc.Doc(`
			$ tilmash log --article kazakhstan-turkey --lang kk --segment title
			$ tilmash resolve --article kazakhstan-turkey --lang kk --segment title --take theirs
			$ git add locales && git commit
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.article == "" || opts.lang == "" || opts.segment == "" {
				return usageError{fmt.Errorf("resolve needs --article, --lang and --segment")}
			}
			if opts.take != workflow.TakeOurs && opts.take != workflow.TakeTheirs {
				return usageError{fmt.Errorf("--take must be ours (keep the current translation) or theirs (the other one), got %q", opts.take)}
			}
			return runResolve(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.article, "article", "", "the article")
	f.StringVar(&opts.lang, "lang", "", "the language of the translations")
	f.StringVar(&opts.segment, "segment", "", "the segment ID")
	f.StringVar(&opts.take, "take", "", "ours (keep the current translation) or theirs (the other one)")
	f.StringVar(&opts.by, "by", "", "who resolves, for the history (default: git config user.name)")
	f.BoolVar(&opts.json, "json", false, "print the report as JSON")
	return cmd
}

func runResolve(e *env, opts resolveOptions) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	f, err := filterOf(e, ws, []string{opts.article}, []string{opts.lang})
	if err != nil {
		return err
	}
	ro := workflow.ResolveOptions{Article: f.Articles[0], Lang: f.Langs[0], ID: opts.segment, Take: opts.take, By: opts.by, On: e.now()}
	if ro.By == "" {
		ro.By = gitUserName(e)
	}
	plan, rep, err := ws.Resolve(e.ctx, ro)
	if err != nil {
		return err
	}
	if err := ws.Apply(e.ctx, e.writer, plan); err != nil {
		return err
	}
	if opts.json {
		return writeJSON(e, rep)
	}
	_, err = fmt.Fprintf(e.stdout, "%s/%s (%s): conflict resolved, took %s\n  current: %s\n  set aside (kept in tilmash log and the memory): %s\n", rep.Article, rep.ID, rep.Lang, rep.Take, rep.Current, rep.Other)
	return err
}
