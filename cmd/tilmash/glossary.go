package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow/store"
)

func newGlossaryCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "glossary",
		Short: "Work with the workspace's terminology (glossary.toml)",
		Args:  noArgs,
	}
	cmd.AddCommand(newGlossaryImportCmd(e))
	return cmd
}

func newGlossaryImportCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE.tbx",
		Short: "Add the concepts of a TBX file to glossary.toml",
		Long: heredoc.Doc(`
			Read a TBX file (TBX 2 martif or TBX 3), as terminology tools export
			them, and add its concepts to glossary.toml: in each language the
			first term that is not deprecated is the form, other admitted terms
			are accepted too, deprecated or superseded ones are forbidden, a
			definition is the note. Concepts the glossary has already (the same
			ID, or the same form in a language) are left out.
		`),
		Example: heredoc.Doc(`
			$ tilmash glossary import terminology.tbx
		`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("glossary import takes one TBX file")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGlossaryImport(e, args[0])
		},
	}
}

func runGlossaryImport(e *env, name string) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(e.dir, p)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	plan, added, skipped, err := ws.ImportTBX(name, data)
	if err != nil {
		return err
	}
	if err := ws.Apply(e.ctx, e.writer, plan); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: added %d %s to glossary.toml; %d %s there already\n", name, added, plural(added, "concept", "concepts"), skipped, plural(skipped, "was", "were"))
	return nil
}
