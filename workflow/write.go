package workflow

import (
	"context"
	"sort"

	"github.com/tilmash/tilmash/workflow/store"
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
	index   map[string]int // position of each path in Changes
}

func (p *Plan) write(path string, data []byte) {
	p.add(Change{Path: path, Data: data})
}

func (p *Plan) remove(path string) {
	p.add(Change{Path: path, Remove: true})
}

func (p *Plan) add(c Change) {
	if p.index == nil {
		p.reindex()
	}
	p.index[c.Path] = len(p.Changes)
	p.Changes = append(p.Changes, c)
}

func (p *Plan) reindex() {
	p.index = make(map[string]int, len(p.Changes))
	for i, c := range p.Changes {
		p.index[c.Path] = i
	}
}

// find returns the planned change of a path, or nil.
func (p *Plan) find(path string) *Change {
	if p.index == nil || len(p.index) != len(p.Changes) {
		p.reindex()
	}
	if i, ok := p.index[path]; ok && p.Changes[i].Path == path {
		return &p.Changes[i]
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
	sort.SliceStable(p.Changes, func(i, j int) bool { return p.Changes[i].Path < p.Changes[j].Path })
	p.index = nil
}

// Writer carries out a plan.
type Writer interface {
	Apply(ctx context.Context, root string, changes []Change) error
}

// DiskWriter writes plans to disk whole or not at all, through package
// store: every file is staged, made durable, named in a journal, and only
// then renamed into place; a crash at any instant leaves every file old or
// every file new, and the next command finishes or drops the change.
type DiskWriter struct {
	// AfterStep, when set, is called after each rename or removal: a hook
	// for crash tests.
	AfterStep func(done int)
}

// Apply writes the changes under root.
func (w DiskWriter) Apply(ctx context.Context, root string, changes []Change) error {
	sc := make([]store.Change, len(changes))
	for i, c := range changes {
		sc[i] = store.Change{Path: c.Path, Data: c.Data, Remove: c.Remove}
	}
	return store.Commit(ctx, root, sc, store.Options{AfterStep: w.AfterStep})
}
