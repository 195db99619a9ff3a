package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

type manifestMergeOptions struct {
	files []string
	out   string
	json  bool
}

func newManifestCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "manifest",
		Short: "Work with build manifests",
		Args:  noArgs,
	}
	cmd.AddCommand(newManifestMergeCmd(e))
	return cmd
}

func newManifestMergeCmd(e *env) *cobra.Command {
	opts := manifestMergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge MANIFEST...",
		Short: "Combine the manifests of a build split over machines",
		Long: heredoc.Doc(`
			Combine the manifests of the parts of a build (tilmash build --shard
			K/N on N machines) into the manifest of the whole, and write the
			index pages, which only the whole knows. Copy every part's files into
			the output folder first; the result is what one build on one machine
			writes. The parts must have been built with the same policy.
		`),
		Example: heredoc.Doc(`
			$ tilmash build --shard 1/2 -o part-1 & tilmash build --shard 2/2 -o part-2
			$ mkdir -p dist && cp -r part-1/. part-2/. dist/
			$ tilmash manifest merge -o dist part-1/manifest.json part-2/manifest.json
		`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("manifest merge needs the manifests of the parts")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runManifestMerge(e, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.out, "output", "o", "", "output folder holding every part's files (default from tilmash.toml)")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the merged manifest as JSON")
	return cmd
}

func runManifestMerge(e *env, opts manifestMergeOptions) error {
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	var parts []*workflow.Manifest
	for _, name := range opts.files {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(e.dir, p)
		}
		m, err := readManifest(p)
		if err != nil {
			return err
		}
		if m == nil {
			return fmt.Errorf("%s: no such manifest", name)
		}
		parts = append(parts, m)
	}
	out := filepath.Join(ws.Root, ws.Config.Output)
	if opts.out != "" {
		out = opts.out
		if !filepath.IsAbs(out) {
			out = filepath.Join(e.dir, out)
		}
	}
	out = filepath.Clean(out)
	if _, err := os.Stat(out); err != nil {
		return fmt.Errorf("-o %s: %w: copy the parts' files there first", out, err)
	}
	if err := ws.CheckOutput(out, parts[0], true); err != nil {
		return err
	}
	plan, m, err := ws.MergeManifests(parts)
	if err != nil {
		return err
	}
	if err := applyOutput(e, ws, out, plan.Changes); err != nil {
		return err
	}
	if opts.json {
		return writeJSON(e, m)
	}
	fmt.Fprintf(e.stdout, "Merged %d manifests: %d editions; wrote %s\n", len(parts), len(m.Editions), filepath.Join(out, "manifest.json"))
	return nil
}
