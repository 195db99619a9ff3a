package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type buildOptions struct {
	langs         []string
	articles      []string
	formats       []string
	require       string
	fallback      string
	minCoverage   float64
	layout        string
	out           string
	force         bool
	noBreakSpaces bool
	shard         string
	json          bool
}

func newBuildCmd(e *env) *cobra.Command {
	opts := buildOptions{}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the localized editions and a manifest",
		Long: heredoc.Doc(`
			Assemble every article in every language: Markdown and a standalone
			HTML page per edition (dist/<lang>/<slug>.md and .html), an index
			page per language, and dist/manifest.json saying what was built,
			what was not and why, with the coverage of each edition.

			An edition is built when every segment is finished (translated, or
			reviewed with --require reviewed). --fallback fills unfinished
			segments with the source text or another language's translation,
			marked as such (<span lang> in HTML, listed in the front matter and
			the manifest), when at least --min-coverage percent is finished.
			An edition that is not built is not written, and files an earlier
			build wrote for it are removed. Defaults come from [build] in
			tilmash.toml.

			A build with --lang or --article updates its editions in the
			manifest and keeps the others as they were. The files the manifest
			lists for an article or a language that is gone (renamed or
			deleted) are removed; no other file is.

			--layout hugo writes content/<slug>.<lang>.md instead (Hugo's
			translation by file name, with translationKey in the front matter)
			and no HTML: point -o at the Hugo site.

			UI strings (reading time, "translated from", dates, the footer) come
			from locales/<lang>/ui.<lang>.toml, over tilmash's own defaults.
			Index pages list every edition of the manifest; a build with
			--article into a folder without a manifest leaves them alone.

			Exit status 1 when an edition of the build's --lang and --article
			scope could not be built, 2 for a policy that makes no sense (or
			--min-coverage without a fallback).
		`),
		Example: heredoc.Doc(`
			$ tilmash build
			$ tilmash build --lang kk --require reviewed
			$ tilmash build --fallback source --min-coverage 80 -o public
			$ tilmash build --layout hugo -o ../site
			$ tilmash build --shard 2/4 -o part-2     # one of four CI machines
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBuild(cmd, e, opts)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.langs, "lang", nil, "only these languages")
	f.StringSliceVar(&opts.articles, "article", nil, "only these articles")
	f.StringSliceVar(&opts.formats, "format", nil, "edition formats: md, html (default from tilmash.toml)")
	f.StringVar(&opts.require, "require", "", "what counts as finished: translated or reviewed")
	f.StringVar(&opts.fallback, "fallback", "", "fill unfinished segments: none, source or a language")
	f.BoolVar(&opts.noBreakSpaces, "no-break-spaces", false, "put the no-break spaces each language's house style asks for into the translations (default from tilmash.toml)")
	f.Float64Var(&opts.minCoverage, "min-coverage", 0, "least `PCT` finished for an edition with --fallback (default from tilmash.toml)")
	f.StringVar(&opts.layout, "layout", "default", "file layout: default (<lang>/<slug>.md, .html) or hugo (content/<slug>.<lang>.md)")
	f.StringVarP(&opts.out, "output", "o", "", "output folder (default from tilmash.toml)")
	f.StringVar(&opts.shard, "shard", "", "build only part `K/N` of the articles (no index pages; combine with tilmash manifest merge)")
	f.BoolVar(&opts.force, "force", false, "write into a non-empty folder that no build wrote (its other files are left alone)")
	f.BoolVar(&opts.json, "json", false, "print the manifest as JSON")
	return cmd
}

func runBuild(cmd *cobra.Command, e *env, opts buildOptions) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	bo, err := ws.BuildOptions()
	if err != nil {
		return fmt.Errorf("%s: [build]: %w", workflow.ConfigFile, err)
	}
	if bo.Filter, err = filterOf(e, ws, opts.articles, opts.langs); err != nil {
		return err
	}
	bo.Layout = workflow.Layout(opts.layout)
	if opts.shard != "" {
		if _, err := fmt.Sscanf(opts.shard, "%d/%d", &bo.Shard.K, &bo.Shard.N); err != nil || bo.Shard.N < 1 || bo.Shard.K < 1 || bo.Shard.K > bo.Shard.N {
			return usageError{fmt.Errorf("--shard %q: write K/N, the K-th of N parts, such as 1/4", opts.shard)}
		}
	}
	switch {
	case len(opts.formats) > 0:
		bo.Formats = opts.formats
	case bo.Layout == workflow.LayoutHugo:
		bo.Formats = []string{"md"} // Hugo renders the pages
	}
	if opts.require != "" {
		bo.Require = workflow.State(opts.require)
	}
	if opts.fallback != "" {
		bo.Fallback = opts.fallback
	}
	if cmd.Flags().Changed("no-break-spaces") {
		bo.NoBreakSpaces = opts.noBreakSpaces
	}
	if cmd.Flags().Changed("min-coverage") {
		if bo.Fallback == "none" {
			return usageError{errors.New("--min-coverage applies to editions filled by a fallback, and there is none: add --fallback source (or a language), or leave out --min-coverage")}
		}
		bo.MinCoverage = opts.minCoverage
	}
	out := filepath.Join(ws.Root, ws.Config.Output)
	if opts.out != "" {
		out = opts.out
		if !filepath.IsAbs(out) {
			out = filepath.Join(e.dir, out)
		}
	}
	out = filepath.Clean(out)
	if !inWorkspace(ws, out) {
		if _, err := store.Recover(out); err != nil { // a build into out that was killed
			return err
		}
	}
	if bo.Previous, err = readManifest(filepath.Join(out, "manifest.json")); err != nil {
		return err
	}
	if err := ws.CheckOutput(out, bo.Previous, opts.force); err != nil {
		return err
	}
	bo.Progress = ws.Progress
	bo.Output = out
	plan, m, err := ws.Build(cmd.Context(), bo)
	ws.Progress(1, 1) // the bar goes before anything else is printed
	if err != nil {
		if isPolicyError(err) {
			return usageError{err}
		}
		return err
	}
	if err := applyOutput(e, ws, out, plan.Changes); err != nil {
		return err
	}
	ws.Built()
	if opts.json {
		if err := writeJSON(e, m); err != nil {
			return err
		}
	} else if err := printManifest(e, m, out); err != nil {
		return err
	}
	if failed, n := len(m.Failed()), len(m.Results()); failed > 0 {
		fmt.Fprintf(e.stderr, "tilmash: %d of %d %s %s not built (see %s)\n", failed, n, plural(n, "edition", "editions"), plural(failed, "was", "were"), filepath.Join(out, "manifest.json"))
		return silentError{}
	}
	return nil
}

// readManifest reads the manifest of an earlier build, if there is one.
func readManifest(name string) (*workflow.Manifest, error) {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := workflow.ParseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: the build keeps the editions it lists; fix the file, or delete it to start the manifest afresh", name, err)
	}
	return m, nil
}

func isPolicyError(err error) bool {
	var pe *workflow.PolicyError
	return errors.As(err, &pe)
}

func printManifest(e *env, m *workflow.Manifest, out string) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tLANG\tCOVERAGE\tRESULT")
	for _, ed := range m.Results() {
		result := paint(e, green, "built")
		if ed.Coverage.Fallback > 0 {
			result = paint(e, yellow, fmt.Sprintf("built, %d %s in %s", ed.Coverage.Fallback, plural(ed.Coverage.Fallback, "segment", "segments"), ed.FallbackLang))
		}
		if !ed.Built {
			result = paint(e, red, "not built: "+ed.Reason)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ed.Article, ed.Lang, workflow.PercentText(ed.Coverage.Percent)+"%", result)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(e.stdout, "Wrote %s\n", filepath.Join(out, "manifest.json"))
	return err
}

// inWorkspace reports whether the folder out is inside the workspace.
func inWorkspace(ws *workflow.Workspace, out string) bool {
	rel, err := filepath.Rel(ws.Root, out)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// applyOutput writes a build's files into out: through the workspace (its
// journal and staging folder) when out is inside it, so that no temporary
// file is ever in out, else with out's own.
func applyOutput(e *env, ws *workflow.Workspace, out string, changes []workflow.Change) error {
	if !inWorkspace(ws, out) {
		return e.writer.Apply(e.ctx, out, changes)
	}
	rel, err := filepath.Rel(ws.Root, out)
	if err != nil {
		return err
	}
	prefixed := make([]workflow.Change, len(changes))
	for i, c := range changes {
		c.Path = path.Join(filepath.ToSlash(rel), c.Path)
		prefixed[i] = c
	}
	return e.writer.Apply(e.ctx, ws.Root, prefixed)
}
