package main

import (
	"fmt"
	"os/exec"
	"strings"
	"text/tabwriter"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type reviewOptions struct {
	lang     string
	article  string
	segments []string
	by       string
	json     bool
}

func newReviewCmd(e *env) *cobra.Command {
	opts := reviewOptions{}
	cmd := &cobra.Command{
		Use:   "review --lang L",
		Short: "Approve translations as reviewed",
		Long: heredoc.Doc(`
			Approve the current translations of a language: all of them, those
			of one article, or the segments listed. An approval records exactly
			which translation of exactly which source text it approves, with the
			reviewer's name and the date, in the sidecar beside the message file;
			editing the source or the translation makes it lapse, and the segment
			shows as translated (or stale) again.

			Missing and stale segments cannot be approved and are listed. The
			reviewer is --by, else git's user.name.
		`),
		Example: heredoc.Doc(`
			$ tilmash review --lang kk --article kazakhstan-turkey --by "Aigerim N."
			$ tilmash review --lang tr --article kazakhstan-turkey --segment title,for-muslims-in-2924
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.lang == "" {
				return usageError{fmt.Errorf("review needs --lang")}
			}
			if len(opts.segments) > 0 && opts.article == "" {
				return usageError{fmt.Errorf("--segment needs --article")}
			}
			return runReview(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.lang, "lang", "", "language of the translations to approve")
	f.StringVar(&opts.article, "article", "", "only this article")
	f.StringSliceVar(&opts.segments, "segment", nil, "only these segment IDs (repeat or comma-separate)")
	f.StringVar(&opts.by, "by", "", "reviewer's name (default: git config user.name)")
	f.BoolVar(&opts.json, "json", false, "print the report as JSON")
	return cmd
}

func runReview(e *env, opts reviewOptions) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	var articles []string
	if opts.article != "" {
		articles = []string{opts.article}
	}
	f, err := filterOf(e, ws, articles, []string{opts.lang})
	if err != nil {
		return err
	}
	ro := workflow.ReviewOptions{Lang: f.Langs[0], Segments: opts.segments, By: opts.by, On: e.now()}
	if len(f.Articles) == 1 {
		ro.Article = f.Articles[0]
	}
	if ro.By == "" {
		ro.By = gitUserName(e)
	}
	plan, reports, err := ws.Review(e.ctx, ro)
	if err != nil {
		return err
	}
	if err := ws.Apply(e.ctx, e.writer, plan); err != nil {
		return err
	}
	if opts.json {
		return writeJSON(e, map[string]any{"reviews": reports})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tLANG\tAPPROVED\tALREADY\tNOT APPROVED (missing or stale)")
	for _, r := range reports {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", r.Article, r.Lang, r.Approved, r.Already, strings.Join(r.Skipped, " "))
	}
	return tw.Flush()
}

// gitUserName returns git's user.name in the current directory, or "".
func gitUserName(e *env) string {
	cmd := exec.Command("git", "config", "user.name")
	cmd.Dir = e.dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
