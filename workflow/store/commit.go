package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
)

// Change is one file to write (or, with Remove set, to remove), named by a
// slash-separated path relative to the folder of the commit.
type Change struct {
	Path   string
	Data   []byte
	Remove bool
}

// Options tune a commit.
type Options struct {
	// AfterStep, when set, is called with 0 when every file is staged and
	// the journal not yet written, then after each rename or removal with
	// the number done so far: a hook for crash tests.
	AfterStep func(done int)
}

// Names of the journal and the staging folder inside Dir.
const (
	journalName = "journal"
	stagingName = "staging"
)

// Commit writes changes under root whole or not at all: a failure or ctx
// being cancelled before the journal is written changes no file; once it is
// written, the commit finishes, now or (after a crash) in the next
// [Recover]. Files whose content would not change are left alone. Call it
// with the lock held.
func Commit(ctx context.Context, root string, changes []Change, opts Options) error {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", root, err)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return err
	}
	defer r.Close()
	var todo []entry
	for _, c := range changes {
		if !fs.ValidPath(c.Path) || c.Path == "." || strings.HasPrefix(c.Path, Dir+"/") || c.Path == Dir {
			return fmt.Errorf("%s: not a path tilmash may write under %s", c.Path, root)
		}
		if c.Remove {
			if _, err := r.Lstat(c.Path); errors.Is(err, os.ErrNotExist) {
				continue
			} else if err != nil {
				return PathError(root, c.Path, err)
			}
			todo = append(todo, entry{remove: true, path: c.Path})
			continue
		}
		old, err := r.ReadFile(c.Path)
		switch {
		case err == nil && bytes.Equal(old, c.Data):
			continue
		case err != nil && !errors.Is(err, os.ErrNotExist):
			return PathError(root, c.Path, err)
		}
		todo = append(todo, entry{path: c.Path, data: c.Data})
	}
	if len(todo) == 0 {
		return nil
	}
	staging := path.Join(Dir, stagingName)
	if err := r.MkdirAll(staging, 0o755); err != nil {
		return PathError(root, staging, err)
	}
	fail := func(err error) error {
		clearStaging(r)
		return err
	}
	var staged []string
	for i := range todo {
		e := &todo[i]
		if e.remove {
			continue
		}
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		if dir := path.Dir(e.path); dir != "." {
			if err := r.MkdirAll(dir, 0o755); err != nil {
				return fail(fmt.Errorf("writing %s: %w; no file was changed: check that the folder can be written", e.path, PathError(root, dir, err)))
			}
		}
		e.staged = strconv.Itoa(i)
		name := path.Join(staging, e.staged)
		if err := r.WriteFile(name, e.data, 0o644); err != nil {
			return fail(fmt.Errorf("writing %s: %w; no file was changed: check the free space and that the folder can be written", e.path, err))
		}
		staged = append(staged, name)
	}
	if err := syncAll(r, staged); err != nil {
		return fail(fmt.Errorf("making %s durable: %w; no file was changed", root, err))
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if opts.AfterStep != nil {
		opts.AfterStep(0) // all staged, nothing committed yet
	}
	// The commit point: once the journal is in place, the plan lands.
	if err := writeJournal(r, todo); err != nil {
		return fail(fmt.Errorf("writing the journal in %s: %w; no file was changed", path.Join(root, Dir), err))
	}
	if err := replay(r, root, todo, opts.AfterStep); err != nil {
		return fmt.Errorf("%w; the next tilmash command finishes the change", err)
	}
	return finish(r)
}

// entry is one step of a commit, as the journal records it.
type entry struct {
	remove bool
	path   string
	staged string // name in the staging folder
	data   []byte
}

// replay renames staged files into place, then removes what is to go. It
// can run again after a crash: a staged file already renamed is gone.
func replay(r *os.Root, root string, todo []entry, after func(int)) error {
	done := 0
	for _, e := range todo {
		if e.remove {
			continue
		}
		from := path.Join(Dir, stagingName, e.staged)
		if _, err := r.Lstat(from); errors.Is(err, os.ErrNotExist) {
			continue // renamed before a crash
		}
		if dir := path.Dir(e.path); dir != "." {
			if err := r.MkdirAll(dir, 0o755); err != nil {
				return PathError(root, dir, err)
			}
		}
		if err := r.Rename(from, e.path); err != nil {
			return fmt.Errorf("writing %s: %w", e.path, PathError(root, e.path, err))
		}
		done++
		if after != nil {
			after(done)
		}
	}
	for _, e := range todo {
		if !e.remove {
			continue
		}
		if err := r.Remove(e.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", e.path, PathError(root, e.path, err))
		}
		done++
		if after != nil {
			after(done)
		}
	}
	return nil
}

// finish makes the renames durable, then drops the journal and the
// staging folder.
func finish(r *os.Root) error {
	if err := syncAll(r, nil); err != nil {
		return err
	}
	if err := r.Remove(path.Join(Dir, journalName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	clearStaging(r)
	_ = r.Remove(Dir) // gone only when empty: a workspace keeps its lock file there
	return nil
}

// clearStaging removes the staging folder and what is in it.
func clearStaging(r *os.Root) {
	staging := path.Join(Dir, stagingName)
	entries, err := fs.ReadDir(r.FS(), staging)
	if err != nil {
		return
	}
	for _, e := range entries {
		_ = r.Remove(path.Join(staging, e.Name())) // best effort: the next run clears it again
	}
	_ = r.Remove(staging)
	_ = r.Remove(path.Join(Dir, journalName+".new"))
}

const journalHeader = "tilmash journal 1"

// writeJournal writes the journal durably and atomically.
func writeJournal(r *os.Root, todo []entry) error {
	data := marshalJournal(todo)
	tmp := path.Join(Dir, journalName+".new")
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := r.Rename(tmp, path.Join(Dir, journalName)); err != nil {
		return err
	}
	return syncDir(r, Dir)
}

func marshalJournal(todo []entry) []byte {
	var b bytes.Buffer
	b.WriteString(journalHeader + "\n")
	for _, e := range todo {
		if e.remove {
			fmt.Fprintf(&b, "remove %s\n", strconv.Quote(e.path))
		} else {
			fmt.Fprintf(&b, "rename %s %s\n", e.staged, strconv.Quote(e.path))
		}
	}
	fmt.Fprintf(&b, "end %d\n", len(todo))
	return b.Bytes()
}

// parseJournal reads a journal; a damaged one is an error.
func parseJournal(data []byte) ([]entry, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	if !sc.Scan() || sc.Text() != journalHeader {
		return nil, errors.New("not a tilmash journal")
	}
	var todo []entry
	for sc.Scan() {
		line := sc.Text()
		verb, rest, _ := strings.Cut(line, " ")
		var e entry
		switch verb {
		case "end":
			n, err := strconv.Atoi(rest)
			if err != nil || n != len(todo) || sc.Scan() {
				return nil, errors.New("the journal is damaged at its end")
			}
			return todo, nil
		case "remove":
			e.remove = true
		case "rename":
			e.staged, rest, _ = strings.Cut(rest, " ")
			if _, err := strconv.Atoi(e.staged); err != nil {
				return nil, fmt.Errorf("the journal is damaged: %q", line)
			}
		default:
			return nil, fmt.Errorf("the journal is damaged: %q", line)
		}
		p, err := strconv.Unquote(rest)
		if err != nil || !fs.ValidPath(p) || p == "." || p == Dir || strings.HasPrefix(p, Dir+"/") {
			return nil, fmt.Errorf("the journal is damaged: %q", line)
		}
		e.path = p
		todo = append(todo, e)
	}
	return nil, errors.New("the journal ends early")
}

// Recover finishes a commit under root that a crash interrupted after its
// journal was written, and throws away the staged files of one interrupted
// before. It reports whether there was a commit to finish. Call it with the
// exclusive lock held, before reading anything.
func Recover(root string) (bool, error) {
	r, err := os.OpenRoot(root)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer r.Close()
	if _, err := r.Lstat(Dir); errors.Is(err, os.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, PathError(root, Dir, err)
	}
	name := path.Join(Dir, journalName)
	data, err := r.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		clearStaging(r)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	todo, err := parseJournal(data)
	if err != nil {
		return false, fmt.Errorf("%s: %w: it was written whole before any file changed, so it cannot be from tilmash; remove it and check the files it names", path.Join(root, name), err)
	}
	if err := replay(r, root, todo, nil); err != nil {
		return false, fmt.Errorf("finishing an interrupted change: %w", err)
	}
	return true, finish(r)
}

// Pending reports whether root holds a journal to recover: a reader that
// finds one must let a writer finish it first.
func Pending(root string) bool {
	r, err := os.OpenRoot(root)
	if err != nil {
		return false
	}
	defer r.Close()
	_, err = r.Lstat(path.Join(Dir, journalName))
	if err == nil {
		return true
	}
	_, err = r.Lstat(path.Join(Dir, stagingName))
	return err == nil
}
