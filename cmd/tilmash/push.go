package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type pushOptions struct {
	files  []string
	dryRun bool
	by     string
	json   bool
}

func newPushCmd(e *env) *cobra.Command {
	opts := pushOptions{}
	cmd := &cobra.Command{
		Use:   "push FILE...",
		Short: "Merge a translator's file back",
		Long: heredoc.Doc(`
			Validate a translator's file (go-i18n TOML, XLIFF 2.0 or gettext PO,
			told apart by name and content) and merge its translations into the
			message files, all or nothing per file, atomically.

			Refused, with a message for every entry naming the file and line:
			unknown articles or segment IDs, a language that is not the
			workspace's, broken or missing placeholders, empty translations,
			malformed files. A translation made from a source that has changed
			since the pull is taken as stale. Fuzzy PO entries and XLIFF
			segments in state initial are left alone; XLIFF reviewed or final
			records a review approval by --by (default git's user.name).
		`),
		Example: heredoc.Doc(`
			$ tilmash push translate.kk.toml
			$ tilmash push --dry-run kazakhstan-turkey.tr.xlf
		`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("push needs at least one file")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runPush(e, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "validate and report, write nothing")
	cmd.Flags().StringVar(&opts.by, "by", "", "reviewer named in approvals from XLIFF (default: git config user.name)")
	cmd.Flags().BoolVar(&opts.json, "json", false, `print {"pushed": [...], "refused": [{"file", "problems": [{"line", "article", "id", "message"}]}]}`)
	return cmd
}

func runPush(e *env, opts pushOptions) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	po := workflow.PushOptions{By: opts.by, On: e.now()}
	if po.By == "" {
		po.By = gitUserName(e)
	}
	reports := []*workflow.PushReport{}
	refused := []refusal{}
	for _, name := range opts.files {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(e.dir, p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		plan, rep, err := ws.Push(name, data, po)
		if err != nil {
			var pe *workflow.PushError
			if !errors.As(err, &pe) {
				return err
			}
			fmt.Fprintf(e.stderr, "tilmash: %v\n", err)
			refused = append(refused, refusal{File: pe.File, Problems: pe.Rejections})
			continue
		}
		if !opts.dryRun {
			if err := ws.Apply(e.ctx, e.writer, plan); err != nil {
				return err
			}
		}
		reports = append(reports, rep)
	}
	if opts.json {
		if err := writeJSON(e, map[string]any{"pushed": reports, "refused": refused}); err != nil {
			return err
		}
	} else {
		verb := "merged"
		if opts.dryRun {
			verb = "would merge"
		}
		for _, r := range reports {
			fmt.Fprintf(e.stdout, "%s (%s, %s): %s %d current and %d stale translations, %d reviewed; %d unchanged, %d left untranslated\n",
				r.File, r.Format, r.Lang, verb, r.Accepted, r.Stale, r.Reviewed, r.Unchanged, r.Untranslated)
			if r.Ignored > 0 {
				fmt.Fprintf(e.stdout, "  %d %s ignored as unfinished (fuzzy, or state initial): clear the fuzzy flag or set state=\"translated\" to push them\n", r.Ignored, plural(r.Ignored, "translation", "translations"))
			}
		}
	}
	if len(refused) > 0 {
		return silentError{}
	}
	return nil
}

// refusal is a refused file in push --json.
type refusal struct {
	File     string               `json:"file"`
	Problems []workflow.Rejection `json:"problems"`
}
