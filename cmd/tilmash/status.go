package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type statusOptions struct {
	langs     []string
	articles  []string
	json      bool
	segments  bool
	failUnder float64
	// gate is set when --fail-under was given.
	gate bool
}

func newStatusCmd(e *env) *cobra.Command {
	opts := statusOptions{}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show translation coverage per article and language",
		Long: heredoc.Doc(`
			Show, for every article and target language, how many segments are
			missing, stale (translated from an older source text), translated
			and reviewed, and how many source words are pending (missing and
			stale), as the message files say.

			With --fail-under PCT, exit 1 when any row is less than PCT percent
			translated: a gate for build scripts. With --segments, list every
			segment of one article in one language with its state.
		`),
		Example: heredoc.Doc(`
			$ tilmash status
			$ tilmash status --lang kk --json
			$ tilmash status --fail-under 100
			$ tilmash status --segments --article kazakhstan-turkey --lang tr
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.gate = cmd.Flags().Changed("fail-under")
			if opts.gate && (opts.failUnder < 0 || opts.failUnder > 100) {
				return usageError{fmt.Errorf("--fail-under takes a percentage from 0 to 100, got %g", opts.failUnder)}
			}
			if opts.segments && (len(opts.articles) != 1 || len(opts.langs) != 1) {
				return usageError{fmt.Errorf("--segments needs one --article and one --lang")}
			}
			return runStatus(e, opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.langs, "lang", nil, "only these target languages (repeat or comma-separate)")
	cmd.Flags().StringSliceVar(&opts.articles, "article", nil, "only these articles (repeat or comma-separate)")
	cmd.Flags().BoolVar(&opts.json, "json", false, `print {"rows": [...]} as JSON; with --segments, {"segments": [...]}`)
	cmd.Flags().BoolVar(&opts.segments, "segments", false, "list every segment of one article in one language")
	cmd.Flags().Float64Var(&opts.failUnder, "fail-under", 0, "exit 1 if any row is less than `PCT` percent translated")
	addDashboardFlag(cmd, e, &opts)
	return cmd
}

func runStatus(e *env, opts statusOptions) error {
	ws, done, err := openWorkspace(e, store.Shared)
	if err != nil {
		return err
	}
	defer done()
	warnGitDriver(e, ws)
	f, err := filterOf(e, ws, opts.articles, opts.langs)
	if err != nil {
		return err
	}
	status := ws.Rows // from the index where nothing changed
	if opts.segments {
		status = ws.Status // every segment's state
	}
	rows, err := status(e.ctx, f)
	if err != nil {
		return err
	}
	if opts.segments && len(rows) == 0 {
		return usageError{fmt.Errorf("%s is the source language of %s: its segments have no translation to show; pick another --lang", opts.langs[0], opts.articles[0])}
	}
	switch {
	case opts.segments && opts.json:
		err = writeJSON(e, map[string]any{"segments": rows[0].Detail})
	case opts.segments:
		err = printSegments(e, rows[0])
	case opts.json:
		if rows == nil {
			rows = []workflow.Row{}
		}
		err = writeJSON(e, map[string]any{"rows": rows})
	default:
		err = printStatus(e, rows)
	}
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.OutOfDate {
			fmt.Fprintf(e.stderr, "tilmash: %s changed since the last sync: run tilmash sync\n", ws.ArticlePath(r.Article))
			break
		}
	}
	if opts.gate {
		failed := 0
		for _, r := range rows {
			if r.Percent < opts.failUnder {
				failed++
			}
		}
		if failed > 0 {
			fmt.Fprintf(e.stderr, "tilmash: %d of %d %s under %g%% translated\n", failed, len(rows), plural(len(rows), "edition is", "editions are"), opts.failUnder)
			return silentError{}
		}
	}
	return nil
}

// writeJSON prints v for scripts: indented, with <, > and & as they are.
func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printStatus(e *env, rows []workflow.Row) error {
	// Open conflicts get a column when there are any.
	conflicts := false
	for _, r := range rows {
		conflicts = conflicts || r.Conflicts > 0
	}
	t := &table{
		header: []string{"ARTICLE", "LANG", "SEGMENTS", "MISSING", "STALE", "TRANSLATED", "REVIEWED", "WORDS PENDING", "DONE"},
		right:  []bool{false, false, true, true, true, true, true, true, true},
	}
	if conflicts {
		t.header = append(t.header, "CONFLICTS")
		t.right = append(t.right, true)
	}
	var total workflow.Row
	add := func(article, lang string, r workflow.Row, pct float64) {
		cells := []string{article, lang, itoa(r.Segments), itoa(r.Missing), itoa(r.Stale), itoa(r.Translated), itoa(r.Reviewed), itoa(r.WordsPending), percent(e, pct)}
		if conflicts {
			cells = append(cells, itoa(r.Conflicts))
		}
		t.add(cells...)
	}
	for _, r := range rows {
		add(r.Article, r.Lang, r, r.Percent)
		total.Segments += r.Segments
		total.Missing += r.Missing
		total.Stale += r.Stale
		total.Translated += r.Translated
		total.Reviewed += r.Reviewed
		total.WordsPending += r.WordsPending
		total.Conflicts += r.Conflicts
	}
	if len(rows) > 1 {
		add("total", "", total, 100*float64(total.Translated+total.Reviewed)/float64(max(total.Segments, 1)))
	}
	return t.write(e.stdout)
}

func itoa(n int) string { return strconv.Itoa(n) }

// percent formats a coverage figure as the build does (rounded down, so
// 100% means done), coloured on a terminal.
func percent(e *env, p float64) string {
	return paint(e, colorFor(p), workflow.PercentText(p)+"%")
}

func colorFor(p float64) string {
	switch {
	case p >= 100:
		return green
	case p > 0:
		return yellow
	}
	return red
}

func printSegments(e *env, r workflow.Row) error {
	t := &table{header: []string{"ID", "STATE", "WORDS", "SOURCE"}, right: []bool{false, false, true, false}}
	for _, s := range r.Detail {
		c := map[workflow.State]string{workflow.Missing: red, workflow.Stale: yellow, workflow.Translated: green, workflow.Reviewed: green}[s.State]
		t.add(s.ID, paint(e, c, string(s.State)), itoa(s.Words), ellipsis(s.Source, 60))
	}
	return t.write(e.stdout)
}
