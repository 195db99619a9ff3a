package main

import (
	"fmt"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type logOptions struct {
	article string
	lang    string
	segment string
	json    bool
}

func newLogCmd(e *env) *cobra.Command {
	opts := logOptions{}
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Show the history of segments' translations",
		Long: heredoc.Doc(`
			Show every version of the translations of the segments selected,
			oldest first: the text, the source text it was made for, who made it
			and when, and how it came (push, push --force). The current
			translation is marked with *. A version replaced by a push, a
			forced push, sync or prune is never lost: the sidecar keeps the
			latest 20 versions of each segment, and the translation memory
			keeps every version that left its segment, also of segments
			removed from their article.
		`),
		Example: heredoc.Doc(`
			$ tilmash log --article kazakhstan-turkey --lang kk --segment title
			$ tilmash log --lang ru --json
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.segment != "" && opts.article == "" {
				return usageError{fmt.Errorf("--segment needs --article")}
			}
			return runLog(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.article, "article", "", "only this article")
	f.StringVar(&opts.lang, "lang", "", "only this target language")
	f.StringVar(&opts.segment, "segment", "", "only this segment ID")
	f.BoolVar(&opts.json, "json", false, `print {"segments": [{"article", "lang", "id", "source", "state", "versions": [...]}]}`)
	return cmd
}

func runLog(e *env, opts logOptions) error {
	ws, done, err := openWorkspace(e, store.Shared)
	if err != nil {
		return err
	}
	defer done()
	var articles, langs []string
	if opts.article != "" {
		articles = []string{opts.article}
	}
	if opts.lang != "" {
		langs = []string{opts.lang}
	}
	f, err := filterOf(e, ws, articles, langs)
	if err != nil {
		return err
	}
	logs, err := ws.Log(e.ctx, workflow.LogOptions{Filter: f, Segment: opts.segment})
	if err != nil {
		return err
	}
	if opts.json {
		if logs == nil {
			logs = []workflow.SegmentLog{}
		}
		return writeJSON(e, map[string]any{"segments": logs})
	}
	var sb strings.Builder
	for i, l := range logs {
		if i > 0 {
			sb.WriteByte('\n')
		}
		fmt.Fprintf(&sb, "%s/%s (%s): %s\n", l.Article, l.ID, l.Lang, l.State)
		if l.Source != "" {
			fmt.Fprintf(&sb, "  source: %s\n", l.Source)
		}
		if len(l.Versions) == 0 {
			sb.WriteString("  no translation yet\n")
		}
		for _, v := range l.Versions {
			mark := " "
			if v.Current {
				mark = "*"
			}
			who := strings.TrimSpace(strings.Join([]string{shortTime(v.On), v.By, v.Via}, "  "))
			if who == "" {
				who = "(before history was kept)"
			}
			fmt.Fprintf(&sb, "%s %s\n    %s\n", mark, who, v.Text)
			if v.Source != "" && v.Source != l.Source {
				fmt.Fprintf(&sb, "    made for: %s\n", v.Source)
			}
		}
	}
	_, err = fmt.Fprint(e.stdout, sb.String())
	return err
}

// shortTime shows an RFC 3339 time as "2006-01-02 15:04".
func shortTime(s string) string {
	if len(s) >= 16 {
		return strings.Replace(s[:16], "T", " ", 1)
	}
	return s
}
