package workflow

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tilmash/tilmash/workflow/store"
)

// OutputError refuses an output folder or file that tilmash does not own.
type OutputError struct{ Msg string }

func (e *OutputError) Error() string { return e.Msg }

// inside reports whether p is dir or below it; both are absolute and clean.
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath resolves the symbolic links of the longest existing part of p.
func realPath(p string) string {
	p = filepath.Clean(p)
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// CheckWorkFile checks that a file a command writes for people (a pulled
// file, a dashboard), at the absolute path name, is not one tilmash must
// leave alone: nothing in the articles or locales folders or the
// workspace's own files, and no existing file unless force.
func (ws *Workspace) CheckWorkFile(name string, force bool) error {
	real := realPath(name)
	root := realPath(ws.Root)
	for _, dir := range []string{ws.Config.Articles, ws.Config.Locales, store.Dir} {
		if d := filepath.Join(root, filepath.FromSlash(dir)); inside(real, d) {
			return &OutputError{Msg: fmt.Sprintf("%s is inside %s, which holds the workspace's own files: write it somewhere else, e.g. in the workspace's top folder", name, d)}
		}
	}
	if real == filepath.Join(root, ConfigFile) {
		return &OutputError{Msg: fmt.Sprintf("%s is the workspace's configuration: write somewhere else", name)}
	}
	info, err := os.Stat(name)
	switch {
	case err == nil && info.IsDir():
		return &OutputError{Msg: fmt.Sprintf("%s is a folder: name a file", name)}
	case err == nil && !force:
		return &OutputError{Msg: fmt.Sprintf("%s already exists: pass --force to replace it, or name another file", name)}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

// CheckOutput checks that a build may write into the absolute folder out:
// not a file system root, not the workspace or a folder holding it, not a
// folder of the workspace's own files, not one that holds articles/,
// locales/ or a tilmash.toml, and, unless force, empty or written by an
// earlier build (it has its manifest).
func (ws *Workspace) CheckOutput(out string, prev *Manifest, force bool) error {
	real := realPath(out)
	root := realPath(ws.Root)
	refuse := func(why string) error {
		return &OutputError{Msg: fmt.Sprintf("-o %s: %s: build into a folder of its own, such as %s", out, why, filepath.Join(ws.Root, ws.Config.Output))}
	}
	switch {
	case filepath.Dir(real) == real:
		return refuse("that is the top of a file system")
	case inside(root, real):
		return refuse("that folder holds the workspace")
	}
	for _, dir := range []string{ws.Config.Articles, ws.Config.Locales, store.Dir} {
		if inside(real, filepath.Join(root, filepath.FromSlash(dir))) {
			return refuse("that is inside " + dir + ", which holds the workspace's own files")
		}
	}
	for _, name := range []string{"articles", "locales", ConfigFile, ws.Config.Articles, ws.Config.Locales} {
		if _, err := os.Lstat(filepath.Join(out, name)); err == nil {
			return refuse("it holds " + name + ", so it looks like a workspace")
		}
	}
	if prev != nil || force {
		return nil
	}
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != store.Dir {
			return &OutputError{Msg: fmt.Sprintf("-o %s: the folder holds files that no tilmash build wrote (%s, and it has no manifest.json): build into an empty folder, or pass --force to write beside them (a build never removes files it did not write)", out, e.Name())}
		}
	}
	return nil
}

// checkManifestPaths refuses a manifest that names a file outside its
// folder: a build removes what its previous manifest lists.
func (m *Manifest) checkPaths() error {
	check := func(p string) error {
		if !fs.ValidPath(p) || p == "." || p == "manifest.json" || strings.HasPrefix(p, store.Dir+"/") || path.Clean(p) != p {
			return fmt.Errorf("manifest.json lists %q, which is not a file inside its folder: a build did not write this manifest; remove it and build into an empty folder", p)
		}
		return nil
	}
	for _, p := range m.Files {
		if err := check(p); err != nil {
			return err
		}
	}
	for _, e := range m.Editions {
		for _, p := range e.Files {
			if err := check(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// owned reports whether the previous build wrote the file p.
func (m *Manifest) owned(p string) bool {
	if m == nil {
		return false
	}
	if m.files == nil {
		m.files = map[string]bool{}
		for _, f := range m.Files {
			m.files[f] = true
		}
		for _, e := range m.Editions {
			for _, f := range e.Files {
				m.files[f] = true
			}
		}
	}
	return m.files[p]
}
