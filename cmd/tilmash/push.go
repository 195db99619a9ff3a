package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type pushOptions struct {
	files   []string
	dryRun  bool
	by      string
	json    bool
	approve bool
	force   bool
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
			control characters, malformed files. A translation made from a
			source that has changed since the pull is taken as stale. Fuzzy PO
			entries and XLIFF segments in state initial are left alone; in a
			TOML file an entry still equal to its source is untranslated.

			Every pulled file records, per entry, the translation the segment
			had at the pull. An entry is a conflict, and is not applied, when
			that translation has changed since (a colleague pushed meanwhile),
			when the file does not say and the segment is translated already,
			or when it was made for an older source than the translation it
			would replace. Conflicts are listed with both texts and push exits
			1; --force applies them. Nothing is lost either way: a replaced
			translation stays in the segment's history (tilmash log) and in
			the translation memory.

			XLIFF segments in state reviewed or final record approvals only
			with --approve, in the name of --by (default git's user.name).
		`),
		Example: heredoc.Doc(`
			$ tilmash push translate.kk.toml
			$ tilmash push --dry-run kazakhstan-turkey.tr.xlf
			$ tilmash push --approve --by "Aigerim N." reviewed.kk.xlf
			$ tilmash push --force translate.kk.toml   # replace what changed since the pull
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
	cmd.Flags().StringVar(&opts.by, "by", "", "who pushes, for the history and approvals (default: git config user.name)")
	cmd.Flags().BoolVar(&opts.approve, "approve", false, "record approvals for XLIFF segments in state reviewed or final")
	cmd.Flags().BoolVar(&opts.force, "force", false, "apply conflicting entries too (what they replace stays in tilmash log)")
	cmd.Flags().BoolVar(&opts.json, "json", false, `print {"pushed": [...], "refused": [{"file", "problems": [{"line", "article", "id", "message"}]}]}`)
	return cmd
}

func runPush(e *env, opts pushOptions) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	po := workflow.PushOptions{By: opts.by, On: e.now(), Approve: opts.approve, Force: opts.force, MaxSegment: ws.Limits().SegmentBytes}
	if po.By == "" {
		po.By = gitUserName(e)
	}
	if opts.approve && strings.TrimSpace(po.By) == "" {
		return usageError{errors.New("--approve needs a reviewer: pass --by NAME or set git's user.name")}
	}
	reports := []*workflow.PushReport{}
	refused := []refusal{}
	conflicts := 0
	for _, name := range opts.files {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(e.dir, p)
		}
		data, err := readLimited(p, ws.Limits().PushBytes)
		if err != nil {
			return err
		}
		plan, rep, err := ws.Push(e.ctx, name, data, po)
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
		conflicts += len(rep.Conflicts)
		reports = append(reports, rep)
	}
	if opts.json {
		if err := writeJSON(e, map[string]any{"pushed": reports, "refused": refused}); err != nil {
			return err
		}
	} else {
		printPushed(e, reports, opts.dryRun)
	}
	if len(refused) > 0 || conflicts > 0 {
		return silentError{}
	}
	return nil
}

// printPushed says what each pushed file did, conflicts with both texts.
func printPushed(e *env, reports []*workflow.PushReport, dryRun bool) {
	verb := "merged"
	if dryRun {
		verb = "would merge"
	}
	for _, r := range reports {
		fmt.Fprintf(e.stdout, "%s (%s, %s): %s %d current and %d stale translations, %d reviewed; %d unchanged, %d left untranslated\n",
			r.File, r.Format, r.Lang, verb, r.Accepted, r.Stale, r.Reviewed, r.Unchanged, r.Untranslated)
		if r.Replaced > 0 {
			fmt.Fprintf(e.stdout, "  %d %s replaced (kept in tilmash log and the memory), %d %s lapsed\n",
				r.Replaced, plural(r.Replaced, "translation", "translations"), r.Lapsed, plural(r.Lapsed, "approval", "approvals"))
		}
		if r.Ignored > 0 {
			fmt.Fprintf(e.stdout, "  %d %s ignored as unfinished (fuzzy, or state initial): clear the fuzzy flag or set state=\"translated\" to push them\n", r.Ignored, plural(r.Ignored, "translation", "translations"))
		}
		if r.ApprovalsIgnored > 0 {
			fmt.Fprintf(e.stdout, "  %d reviewed or final %s taken as translations only: push with --approve --by NAME to record the approvals\n", r.ApprovalsIgnored, plural(r.ApprovalsIgnored, "segment", "segments"))
		}
		if n := len(r.Conflicts); n > 0 {
			fmt.Fprintf(e.stderr, "tilmash: %s: %d %s not applied:\n", r.File, n, plural(n, "conflict", "conflicts"))
			for _, c := range r.Conflicts {
				loc := r.File
				if c.Line > 0 {
					loc = fmt.Sprintf("%s:%d", r.File, c.Line)
				}
				fmt.Fprintf(e.stderr, "  %s: %s/%s: %s\n", loc, c.Article, c.ID, c.Msg)
				current := c.Current
				if current == "" {
					current = "(none)"
				}
				fmt.Fprintf(e.stderr, "      in the workspace: %s\n      in your file:     %s\n", current, c.Pushed)
			}
			fmt.Fprintf(e.stderr, "  Pull again to see the current translations, or push --force to replace them (they stay in tilmash log).\n")
		}
	}
}

// readLimited reads a file named on the command line, refusing one larger
// than max bytes (0 is no limit).
func readLimited(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if max > 0 {
		if info, err := f.Stat(); err == nil && info.Size() > max {
			return nil, fmt.Errorf("%s: %d bytes, more than the %d a pushed file may have: split it (pull --article), or raise limits.push_bytes in %s", name, info.Size(), max, workflow.ConfigFile)
		}
	}
	return io.ReadAll(f)
}

// refusal is a refused file in push --json.
type refusal struct {
	File     string               `json:"file"`
	Problems []workflow.Rejection `json:"problems"`
}
