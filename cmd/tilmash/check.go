package main

import (
	"fmt"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/check"
	"github.com/tilmash/tilmash/workflow/store"
)

type checkOptions struct {
	langs    []string
	articles []string
	json     bool
	strict   bool
}

func newCheckCmd(e *env) *cobra.Command {
	opts := checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check translations for lost markup, URLs, numbers and other slips",
		Long: heredoc.Doc(`
			Check every translated segment against its source text, and the UI
			strings (locales/<lang>/ui.<lang>.toml) of every language. Errors:
			  empty         translation empty or only white space
			  placeholders  inline markup <N>…</N> or <N/> lost, added or misnested
			  urls          a URL or e-mail address of the source not kept unchanged
			  template      a {{.Name}} of a UI string lost, added or broken
			  plural        a plural form the language needs missing (CLDR, as go-i18n)
			Warnings:
			  numbers       a number of the source not in the translation
			  untranslated  the translation is the source text unchanged
			  whitespace    leading/trailing white space differs, double spaces
			  punctuation   the translation ends differently (. ? ! … : ;)
			  unbalanced    a bracket or quote not closed
			  typography    straight "…" quotes in Russian or Kazakh
			  missing       a UI message not translated
			  unused        a UI message no edition shows

			Each finding names the message file and line of the translation and
			the segment ID. Missing and stale segments are not checked: tilmash
			status lists them. --article ui selects the UI strings alone.

			With --json, print {"findings": [...]}, one object per finding with
			article, lang, id, line (in the message file), check, severity and
			message. Exit status 1 when there is an error, or with --strict a
			warning; 0 otherwise.
		`),
		Example: heredoc.Doc(`
			$ tilmash check
			$ tilmash check --lang kk --article kazakhstan-turkey
			$ tilmash check --article ui --json
			$ tilmash check --strict
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.langs, "lang", nil, "only these languages (repeat or comma-separate)")
	f.StringSliceVar(&opts.articles, "article", nil, "only these articles; ui for the UI strings")
	f.BoolVar(&opts.json, "json", false, `print {"findings": [...]} as JSON`)
	f.BoolVar(&opts.strict, "strict", false, "exit 1 on warnings too")
	return cmd
}

func runCheck(e *env, opts checkOptions) error {
	ws, done, err := openWorkspace(e, store.Shared)
	if err != nil {
		return err
	}
	defer done()
	warnGitDriver(e, ws)
	var articles []string
	ui := false
	for _, a := range opts.articles {
		if a == workflow.UISlug {
			ui = true
		} else {
			articles = append(articles, a)
		}
	}
	f, err := filterOf(e, ws, articles, opts.langs)
	if err != nil {
		return err
	}
	if ui {
		f.Articles = append(f.Articles, workflow.UISlug)
	}
	findings, err := ws.Check(e.ctx, f)
	if err != nil {
		return err
	}
	if opts.json {
		if findings == nil {
			findings = []workflow.Finding{}
		}
		err = writeJSON(e, map[string]any{"findings": findings})
	} else {
		err = printFindings(e, findings)
	}
	if err != nil {
		return err
	}
	if !ui || len(articles) > 0 {
		if err := notePending(e, ws, workflow.Filter{Articles: articles, Langs: f.Langs}); err != nil {
			return err
		}
	}
	errs, warns := 0, 0
	for _, fd := range findings {
		if fd.Severity == check.Error {
			errs++
		} else {
			warns++
		}
	}
	if errs > 0 || warns > 0 {
		fmt.Fprintf(e.stderr, "tilmash: %s, %s\n", nounCount(errs, "error"), nounCount(warns, "warning"))
	}
	if errs > 0 || opts.strict && warns > 0 {
		return silentError{}
	}
	return nil
}

func printFindings(e *env, findings []workflow.Finding) error {
	if len(findings) == 0 {
		_, err := fmt.Fprintln(e.stdout, "No problems found.")
		return err
	}
	for _, fd := range findings {
		sev := paint(e, yellow, string(fd.Severity))
		if fd.Severity == check.Error {
			sev = paint(e, red, string(fd.Severity))
		}
		where := fd.Where()
		msg := strings.TrimPrefix(fd.Message, where+": ")
		if _, err := fmt.Fprintf(e.stdout, "%s: %s [%s]: %s\n", where, sev, fd.Check, msg); err != nil {
			return err
		}
	}
	return nil
}

// notePending says on stderr what check could not look at: segments not
// translated yet, articles edited since the last sync.
func notePending(e *env, ws *workflow.Workspace, f workflow.Filter) error {
	rows, err := ws.Status(e.ctx, f)
	if err != nil {
		return err
	}
	pending, seen := 0, map[string]bool{}
	for _, r := range rows {
		pending += r.Missing + r.Stale
		if r.OutOfDate && !seen[r.Article] {
			seen[r.Article] = true
			fmt.Fprintf(e.stderr, "tilmash: %s changed since the last sync: run tilmash sync, then check again\n", ws.ArticlePath(r.Article))
		}
	}
	if pending > 0 {
		fmt.Fprintf(e.stderr, "tilmash: %s not checked (missing or stale): see tilmash status\n", nounCount(pending, "segment"))
	}
	return nil
}

func nounCount(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
