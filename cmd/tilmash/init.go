package main

import (
	"fmt"
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
)

type initOptions struct {
	dir string
}

func newInitCmd(e *env) *cobra.Command {
	opts := initOptions{}
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Make a new workspace",
		Long: heredoc.Doc(`
			Make a new workspace in DIR (default: the current directory): a
			tilmash.toml with the languages (en ru kk tr) and build defaults, an
			articles folder, and a locales folder per language with the UI
			strings of the editions.
		`),
		Example: heredoc.Doc(`
			$ tilmash init newsroom
			$ cd newsroom && $EDITOR articles/first-story.md && tilmash sync
		`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("init takes at most one folder, got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.dir = e.dir
			if len(args) == 1 {
				opts.dir = args[0]
				if !filepath.IsAbs(opts.dir) {
					opts.dir = filepath.Join(e.dir, opts.dir)
				}
			}
			return runInit(e, opts)
		},
	}
}

func runInit(e *env, opts initOptions) error {
	plan, err := workflow.InitPlan(opts.dir)
	if err != nil {
		return err
	}
	if err := e.writer.Apply(e.ctx, opts.dir, plan.Changes); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Made a tilmash workspace in %s\n", opts.dir)
	for _, c := range plan.Changes {
		fmt.Fprintf(e.stdout, "  %s\n", c.Path)
	}
	return setupGitIfRepo(e, opts.dir)
}

// setupGitIfRepo registers the merge driver of message files when the new
// workspace is inside a git repository (as tilmash setup-git does).
func setupGitIfRepo(e *env, dir string) error {
	ws, err := workflow.Open(dir)
	if err != nil {
		return err
	}
	defer ws.Close()
	if !ws.InGitRepository(e.ctx) {
		return nil // not in a git repository (or no git): nothing to register
	}
	_, _, err = setupGit(e, ws)
	return err
}
