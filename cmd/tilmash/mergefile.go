package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
)

type mergeFileOptions struct {
	base, ours, theirs, path string
}

func newMergeFileCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "merge-file BASE OURS THEIRS PATH",
		Short: "Merge a message file or sidecar per segment (git's merge driver)",
		Long: heredoc.Doc(`
			The git merge driver of a workspace's locales folder; tilmash
			setup-git registers it, and git runs it as
			"tilmash merge-file %O %A %B %P" with the common base, our version
			(where the result goes), their version and the file's path in the
			repository.

			Message files merge per message, sidecars per segment record
			(approvals, previous sources, history), translation memories per
			entry; the result is the file tilmash itself would write. A segment
			translated differently on both sides is a conflict: our translation
			stays current, theirs is kept in the sidecar as the open conflict,
			every file stays a valid go-i18n file, and the exit status is 1 so
			that git reports it. Close it with tilmash resolve.

			A file that does not read (hand-edited into invalid TOML on one
			side) is merged as text by git merge-file, with conflict markers,
			and the exit status is 1: fix it by hand.

			Exit status: 0 merged, 1 conflict.
		`),
		Example: heredoc.Doc(`
			$ git config merge.tilmash.driver 'tilmash merge-file %O %A %B %P'
			$ tilmash merge-file base.toml ours.toml theirs.toml locales/kk/kazakhstan-turkey.kk.toml
		`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 4 {
				return usageError{fmt.Errorf("merge-file takes 4 arguments (BASE OURS THEIRS PATH, as git's %%O %%A %%B %%P), got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMergeFile(e, mergeFileOptions{base: args[0], ours: args[1], theirs: args[2], path: args[3]})
		},
	}
}

func runMergeFile(e *env, opts mergeFileOptions) error {
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(e.dir, p)
	}
	res, err := workflow.MergeFile(e.ctx, workflow.MergeFileOptions{
		Base: abs(opts.base), Ours: abs(opts.ours), Theirs: abs(opts.theirs), Path: opts.path, Dir: e.dir,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "tilmash: %v\n", err)
		return textMerge(e, opts, abs)
	}
	if len(res.Kept) > 0 {
		fmt.Fprintf(e.stderr, "tilmash: %s: source texts changed on both sides, ours kept: %s; run tilmash sync once the articles are merged\n", res.Path, strings.Join(res.Kept, ", "))
	}
	if len(res.Conflicts) == 0 {
		return nil
	}
	var sb strings.Builder
	segments := "segments"
	if len(res.Conflicts) == 1 {
		segments = "segment"
	}
	switch res.Kind {
	case workflow.KindSidecar:
		fmt.Fprintf(&sb, "tilmash: %s: open conflict recorded for %d %s:", res.Path, len(res.Conflicts), segments)
		for _, c := range res.Conflicts {
			fmt.Fprintf(&sb, " %s/%s", res.Article, c.ID)
		}
		sb.WriteString("\n")
	default:
		fmt.Fprintf(&sb, "tilmash: %s: %d %s translated differently on both sides; ours stays current, theirs is kept as the open conflict:\n", res.Path, len(res.Conflicts), segments)
		for _, c := range res.Conflicts {
			fmt.Fprintf(&sb, "  %s/%s (%s)\n    ours:   %s\n    theirs: %s\n", res.Article, c.ID, res.Lang, c.Ours, c.Theirs)
		}
		c := res.Conflicts[0]
		fmt.Fprintf(&sb, "  choose: tilmash resolve --article %s --lang %s --segment %s --take ours|theirs\n", res.Article, res.Lang, c.ID)
	}
	fmt.Fprint(e.stderr, sb.String())
	return silentError{}
}

// textMerge merges the file as git does without a driver, with conflict
// markers, and fails: the file needs a person.
func textMerge(e *env, opts mergeFileOptions, abs func(string) string) error {
	cmd := exec.CommandContext(e.ctx, "git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", abs(opts.ours), abs(opts.base), abs(opts.theirs))
	cmd.Dir = e.dir
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 127) {
		return fmt.Errorf("%s: git merge-file: %v: our version is left as it was; merge the file by hand", opts.path, err)
	}
	fmt.Fprintf(e.stderr, "tilmash: %s: merged as text by git merge-file: fix it by hand (conflict markers, if any, show where), check it with tilmash status, then git add it\n", opts.path)
	return silentError{}
}
