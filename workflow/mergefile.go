package workflow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/merge"
	"github.com/tilmash/tilmash/workflow/store"
)

// The kinds of files the merge driver merges.
const (
	KindMessages = "message file"
	KindUI       = "UI strings"
	KindSidecar  = "sidecar"
	KindMemory   = "translation memory"
)

// MergeFileOptions name the files of one merge, as git hands them to a
// merge driver (merge.tilmash.driver = tilmash merge-file %O %A %B %P).
type MergeFileOptions struct {
	// Base, Ours and Theirs are the three versions (%O, %A, %B); the
	// merged file is written over Ours.
	Base, Ours, Theirs string
	// Path is the file's path in the repository (%P), relative to Dir.
	Path string
	// Dir is the folder git runs the driver in: the top of the working
	// tree.
	Dir string
}

// MergeFileResult says what the merge driver merged.
type MergeFileResult struct {
	// Path is the file's path in the repository; Kind what it is.
	Path string
	Kind string
	// Article and Lang are the article and language of a message file or
	// sidecar.
	Article string
	Lang    string
	// Conflicts are the segments translated differently on both sides:
	// ours stays current, theirs is the open conflict in the sidecar.
	Conflicts []merge.Conflict
	// Kept are source texts changed differently on both sides (ours kept):
	// run tilmash sync after the merge.
	Kept []string
}

// MergeError is a file the merge driver cannot merge per message: one of
// its versions does not read, or it is no file of tilmash's, or (UI
// strings) one message was changed differently on both sides. The caller
// falls back to git's own text merge, with conflict markers.
type MergeError struct {
	Path string
	Err  error
}

func (e *MergeError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *MergeError) Unwrap() error { return e.Err }

// MergeFile merges three versions of a file of the locales folder per
// message (message files, UI strings), per segment record (sidecars) or
// per entry (translation memories), and writes the result over
// opts.Ours, atomically, as tilmash writes such a file. It takes no
// workspace lock: git runs it inside a merge, holding its own. A
// *MergeError says that the file must be merged as text instead; the
// file at opts.Ours is then left as it was.
func MergeFile(ctx context.Context, opts MergeFileOptions) (*MergeFileResult, error) {
	res, err := classify(opts.Dir, opts.Path)
	if err != nil {
		return nil, &MergeError{Path: opts.Path, Err: err}
	}
	var data [3][]byte
	for i, name := range []string{opts.Base, opts.Ours, opts.Theirs} {
		if data[i], err = os.ReadFile(name); err != nil {
			return nil, fmt.Errorf("%s: %w", opts.Path, err)
		}
	}
	var m *merge.Result
	switch res.Kind {
	case KindMessages:
		m, err = merge.Messages(opts.Path, res.Article, data[0], data[1], data[2])
	case KindUI:
		m, err = mergeUI(ctx, opts, data)
	case KindSidecar:
		m, err = merge.Sidecar(opts.Path, data[0], data[1], data[2])
	case KindMemory:
		m, err = merge.Memory(opts.Path, data[0], data[1], data[2])
	}
	if err != nil {
		return nil, &MergeError{Path: opts.Path, Err: err}
	}
	res.Conflicts, res.Kept = m.Conflicts, m.Kept
	if err := store.WriteFile(opts.Ours, m.Data); err != nil {
		return nil, err
	}
	return res, nil
}

// classify says what the file at p (relative to dir) is, from its place
// in the workspace's locales folder: locales/<lang>/<article>.<lang>.toml,
// locales/<lang>/ui.<lang>.toml, locales/<lang>/.tilmash/<article>.<lang>.toml
// or locales/<lang>/.tilmash/memory.<lang>.toml.
func classify(dir, p string) (*MergeFileResult, error) {
	res := &MergeFileResult{Path: p}
	tag, err := catalog.LangOfPath(p)
	if err != nil {
		return nil, fmt.Errorf("%s: not a file of tilmash's locales folder: %w", p, err)
	}
	lang := tag.String()
	rel := filepath.ToSlash(p)
	locales := ""
	if root, err := Find(filepath.Dir(filepath.Join(dir, p))); err == nil {
		if ws, err := Open(root); err == nil {
			locales = ws.Config.Locales
			_ = ws.Close() // only read
			if r, err := filepath.Rel(root, filepath.Join(dir, p)); err == nil {
				rel = filepath.ToSlash(r)
			}
		}
	}
	var rest string
	if locales != "" {
		var ok bool
		if rest, ok = strings.CutPrefix(rel, path.Clean(locales)+"/"+lang+"/"); !ok {
			return nil, fmt.Errorf("%s: not in the locales folder %s/%s of the workspace", p, locales, lang)
		}
	} else { // no workspace: the first folder named after the language
		i := strings.Index("/"+rel, "/"+lang+"/")
		if i < 0 {
			return nil, fmt.Errorf("%s: not in a folder %s/ of a tilmash locales folder", p, lang)
		}
		rest = rel[i+len(lang)+1:]
	}
	suffix := "." + lang + ".toml"
	res.Lang = lang
	switch side, isSide := strings.CutPrefix(rest, ".tilmash/"); {
	case isSide && side == "memory"+suffix:
		res.Kind = KindMemory
	case isSide && strings.HasSuffix(side, suffix) && len(side) > len(suffix):
		res.Kind, res.Article = KindSidecar, strings.TrimSuffix(side, suffix)
	case rest == UISlug+suffix:
		res.Kind = KindUI
	case !isSide && strings.HasSuffix(rest, suffix) && len(rest) > len(suffix) && !strings.Contains(rest, "/.tilmash/"):
		res.Kind, res.Article = KindMessages, strings.TrimSuffix(rest, suffix)
	}
	if res.Kind == "" || (res.Kind == KindMessages || res.Kind == KindSidecar) && (strings.HasSuffix(res.Article, "/") || strings.HasPrefix(path.Base(res.Article), ".")) {
		return nil, fmt.Errorf("%s: not a message file, sidecar or translation memory of tilmash", p)
	}
	return res, nil
}

// mergeUI merges UI strings, which people write by hand: git's text merge
// when it is clean and gives the same messages as a merge per message
// (so comments and layout stay), else the merge per message, written as
// tilmash writes message files. A message changed differently on both
// sides is left to people: a *MergeError.
func mergeUI(ctx context.Context, opts MergeFileOptions, data [3][]byte) (*merge.Result, error) {
	m, err := merge.Messages(opts.Path, "", data[0], data[1], data[2])
	if err != nil {
		return nil, err
	}
	if len(m.Conflicts) > 0 {
		var ids []string
		for _, c := range m.Conflicts {
			ids = append(ids, c.ID)
		}
		return nil, fmt.Errorf("%s: UI strings changed differently on both sides: %s: choose by hand", opts.Path, strings.Join(ids, ", "))
	}
	text, err := exec.CommandContext(ctx, "git", "merge-file", "-p", "--quiet", opts.Ours, opts.Base, opts.Theirs).Output()
	if err != nil {
		return m, nil // conflicts in the text, or no git: the merge per message
	}
	got, err := merge.Messages(opts.Path, "", nil, text, nil)
	if err == nil && bytes.Equal(got.Data, m.Data) {
		m.Data = text
	}
	return m, nil
}

// IsMergeError reports whether err says to merge a file as text.
func IsMergeError(err error) bool {
	var me *MergeError
	return errors.As(err, &me)
}
