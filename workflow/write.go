package workflow

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Change is one file to write (or, with nil Data and Remove set, to remove),
// relative to the workspace.
type Change struct {
	Path   string
	Data   []byte
	Remove bool
}

// Plan is a set of changes an operation wants to make, sorted by path.
type Plan struct {
	Changes []Change
}

func (p *Plan) write(path string, data []byte) {
	p.Changes = append(p.Changes, Change{Path: path, Data: data})
}

func (p *Plan) remove(path string) {
	p.Changes = append(p.Changes, Change{Path: path, Remove: true})
}

// find returns the planned change of a path, or nil.
func (p *Plan) find(path string) *Change {
	for i := range p.Changes {
		if p.Changes[i].Path == path {
			return &p.Changes[i]
		}
	}
	return nil
}

// put plans to write data to path, replacing a change planned before.
func (p *Plan) put(path string, data []byte) {
	if c := p.find(path); c != nil {
		*c = Change{Path: path, Data: data}
		return
	}
	p.write(path, data)
}

func (p *Plan) sort() {
	sort.Slice(p.Changes, func(i, j int) bool { return p.Changes[i].Path < p.Changes[j].Path })
}

// Writer carries out a plan.
type Writer interface {
	Apply(root string, changes []Change) error
}

// DiskWriter writes plans to disk atomically: every file is first written
// to a temporary file beside it, and only when all are written are they
// renamed into place. A failure before the renames changes no file; a crash
// at any time leaves every file either old or new, never half written.
type DiskWriter struct{}

// Apply writes the changes under root.
func (DiskWriter) Apply(root string, changes []Change) error {
	type staged struct{ tmp, dst string }
	var done []staged
	cleanup := func() {
		for _, s := range done {
			_ = os.Remove(s.tmp) // best effort: the temporary file may be gone already
		}
	}
	for _, c := range changes {
		if c.Remove {
			continue
		}
		dst := filepath.Join(root, filepath.FromSlash(c.Path))
		if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, c.Data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w; no file was changed: check that the folder can be written", c.Path, err)
		}
		f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp*")
		if err != nil {
			cleanup()
			return fmt.Errorf("writing %s: cannot create a file in %s (%w); no file was changed: check that the folder can be written", c.Path, filepath.Dir(dst), errors.Unwrap(err))
		}
		done = append(done, staged{f.Name(), dst})
		_, werr := f.Write(c.Data)
		if werr == nil {
			werr = f.Sync()
		}
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(f.Name(), 0o644)
		}
		if werr != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w; no file was changed", c.Path, werr)
		}
	}
	for i, s := range done {
		if err := os.Rename(s.tmp, s.dst); err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w (%d of %d files were written)", s.dst, err, i, len(done))
		}
	}
	for _, c := range changes {
		if !c.Remove {
			continue
		}
		err := os.Remove(filepath.Join(root, filepath.FromSlash(c.Path)))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
