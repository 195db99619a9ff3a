package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow/store"
)

// addDashboardFlag gives the status command --html FILE: besides its usual
// output (and exit status), status then writes the editor's coverage
// dashboard, one self-contained HTML page, for the same articles and
// languages.
func addDashboardFlag(cmd *cobra.Command, e *env, opts *statusOptions) {
	var file string
	var force bool
	cmd.Flags().StringVar(&file, "html", "", "also write the coverage dashboard, a self-contained HTML page, to `FILE`")
	cmd.Flags().BoolVar(&force, "force", false, "let --html replace an existing file")
	cmd.Long = strings.TrimRight(cmd.Long, "\n") + "\n\n" + heredoc.Doc(`
		With --html FILE, also write the coverage dashboard to FILE: the
		matrix of articles and languages, totals per language, words pending,
		and every stale segment with a word diff of its source change.
	`)
	cmd.Example = strings.TrimRight(cmd.Example, "\n") + "\n$ tilmash status --html coverage.html"
	status := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		err := status(cmd, args)
		if file == "" {
			return err
		}
		// Under --fail-under the table has been printed and the dashboard is
		// still worth writing; after any other error it is not.
		var se silentError
		if err != nil && !errors.As(err, &se) {
			return err
		}
		if derr := writeDashboard(e, *opts, file, force); derr != nil {
			return derr
		}
		return err
	}
}

// writeDashboard writes the dashboard of the articles and languages opts
// selects to file.
func writeDashboard(e *env, opts statusOptions, file string, force bool) error {
	ws, done, err := openWorkspace(e, store.Shared)
	if err != nil {
		return err
	}
	defer done()
	f, err := filterOf(e, ws, opts.articles, opts.langs)
	if err != nil {
		return err
	}
	data, err := ws.Dashboard(e.ctx, f)
	if err != nil {
		return err
	}
	if err := writeFile(e, ws, file, data, force); err != nil {
		return fmt.Errorf("--html: %w", err)
	}
	fmt.Fprintf(e.stderr, "tilmash: wrote the coverage dashboard to %s\n", file)
	return nil
}
