package main

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

// openWorkspace opens the workspace holding the current directory and
// takes its lock in mode; done releases both.
func openWorkspace(e *env, mode store.Mode) (ws *workflow.Workspace, done func(), err error) {
	root, err := workflow.Find(e.dir)
	if err != nil {
		return nil, nil, err
	}
	if ws, err = workflow.Open(root); err != nil {
		return nil, nil, err
	}
	release, err := ws.Lock(e.ctx, workflow.LockOptions{
		Mode: mode, Wait: e.wait, Command: e.command,
		Waiting: func(h store.Holder) {
			fmt.Fprintf(e.stderr, "tilmash: waiting up to %s for the workspace lock, held by %s\n", e.wait, h)
		},
	})
	if err != nil {
		_ = ws.Close() // only read so far
		return nil, nil, err
	}
	bar := newProgress(e)
	ws.Progress = bar.update
	return ws, func() {
		bar.clear()
		_ = release() // the lock goes with the process in any case
		_ = ws.Close()
	}, nil
}

// filterOf checks --article and --lang values against the workspace.
func filterOf(e *env, ws *workflow.Workspace, articles, langs []string) (workflow.Filter, error) {
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
		name := articleName(ws, e.dir, a)
		if !known[name] {
			list := slugs
			if len(list) > 10 {
				list = append(append([]string(nil), list[:10]...), "…")
			}
			return f, usageError{fmt.Errorf("no article %q in %s: the articles are %s", a, ws.Config.Articles, strings.Join(list, ", "))}
		}
		f.Articles = append(f.Articles, name)
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

// articleName takes an article as a user names it: by its name
// (news/2024/05/floods), or by its file (articles/news/2024/05/floods.md,
// relative to the current folder).
func articleName(ws *workflow.Workspace, dir, a string) string {
	a = filepath.ToSlash(a)
	ext := path.Ext(a)
	if ext != ".md" && ext != ".markdown" {
		return a
	}
	p := filepath.Join(dir, filepath.FromSlash(a))
	if rel, err := filepath.Rel(filepath.Join(ws.Root, ws.Config.Articles), p); err == nil && !strings.HasPrefix(rel, "..") {
		a = filepath.ToSlash(rel)
	}
	name := strings.TrimSuffix(a, ext)
	if path.Base(name) == "index" && name != "index" {
		name = path.Dir(name)
	}
	return name
}

// writeFile writes data to a file named on the command line (relative to
// the current directory), atomically, after checking that tilmash may:
// never into the workspace's own folders, never over an existing file
// without force.
func writeFile(e *env, ws *workflow.Workspace, name string, data []byte, force bool) error {
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(e.dir, p)
	}
	if err := ws.CheckWorkFile(p, force); err != nil {
		return err
	}
	return store.WriteFile(p, data)
}

// noArgs refuses positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])}
	}
	return nil
}

// warnGitDriver says, once on stderr, when .gitattributes names tilmash's
// merge driver but this clone's git config lacks it: git would then merge
// message files as text.
func warnGitDriver(e *env, ws *workflow.Workspace) {
	if missing, err := ws.GitDriverMissing(e.ctx); err == nil && missing && !e.quiet {
		fmt.Fprintf(e.stderr, "tilmash: %s names the merge driver %q, but this clone's git config does not define it, so git merges message files as text: run %s\n",
			workflow.GitAttributes, workflow.GitDriver, workflow.GitSetupFix)
	}
}
