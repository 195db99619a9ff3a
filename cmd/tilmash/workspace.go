package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
)

// openWorkspace opens the workspace holding the current directory.
func openWorkspace(e *env) (*workflow.Workspace, error) {
	root, err := workflow.Find(e.dir)
	if err != nil {
		return nil, err
	}
	return workflow.Open(root)
}

// filterOf checks --article and --lang values against the workspace.
func filterOf(ws *workflow.Workspace, articles, langs []string) (workflow.Filter, error) {
	f := workflow.Filter{}
	slugs, err := ws.Slugs()
	if err != nil {
		return f, err
	}
	known := map[string]bool{}
	for _, s := range slugs {
		known[s] = true
	}
	for _, a := range articles {
		a = strings.TrimSuffix(a[strings.LastIndex(a, "/")+1:], ".md")
		if !known[a] {
			return f, usageError{fmt.Errorf("no article %q in %s: the articles are %s", a, ws.Config.Articles, strings.Join(slugs, ", "))}
		}
		f.Articles = append(f.Articles, a)
	}
	for _, l := range langs {
		tag, err := ws.ParseLang(l)
		if err != nil {
			return f, usageError{err}
		}
		f.Langs = append(f.Langs, tag)
	}
	return f, nil
}

// writeFile writes data to a file named on the command line (relative to
// the current directory), atomically.
func writeFile(e *env, name string, data []byte) error {
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(e.dir, p)
	}
	return e.writer.Apply(filepath.Dir(p), []workflow.Change{{Path: filepath.Base(p), Data: data}})
}

// noArgs refuses positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])}
	}
	return nil
}
