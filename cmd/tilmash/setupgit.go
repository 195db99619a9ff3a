package main

import (
	"fmt"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

func newSetupGitCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "setup-git",
		Short: "Register tilmash's merge driver for the message files with git",
		Long: heredoc.Doc(`
			Make git merge the workspace's message files, sidecars and
			translation memories per segment, with tilmash merge-file: the line
			"locales/**/*.toml merge=tilmash" in the workspace's .gitattributes
			(commit it), and the driver in the repository's git config
			(merge.tilmash.driver and merge.tilmash.name), which git does not
			version: run setup-git once in every clone. Lines .gitattributes has
			are kept; running it again changes nothing.
		`),
		Example: heredoc.Doc(`
			$ git init && tilmash setup-git
			$ git add .gitattributes && git commit -m 'Merge message files per segment'
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSetupGit(e)
		},
	}
}

func runSetupGit(e *env) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	set, added, err := setupGit(e, ws)
	if err != nil {
		return err
	}
	if len(added) == 0 && len(set) == 0 {
		fmt.Fprintln(e.stdout, "The merge driver is set up already: nothing changed.")
	} else if len(added) > 0 {
		fmt.Fprintf(e.stdout, "Commit %s, and run tilmash setup-git in every clone.\n", workflow.GitAttributes)
	}
	return nil
}

// setupGit registers the merge driver in the repository's git config and
// .gitattributes, and says what it changed.
func setupGit(e *env, ws *workflow.Workspace) (set, added []string, err error) {
	if set, err = ws.ConfigureGitDriver(e.ctx); err != nil {
		return nil, nil, err
	}
	plan, added, err := ws.GitAttributesPlan()
	if err != nil {
		return nil, nil, err
	}
	if err := ws.Apply(e.ctx, e.writer, plan); err != nil {
		return nil, nil, err
	}
	for _, l := range added {
		fmt.Fprintf(e.stdout, "%s: added %s\n", workflow.GitAttributes, l)
	}
	for _, s := range set {
		fmt.Fprintf(e.stdout, "git config: %s\n", s)
	}
	return set, added, nil
}
