package merge

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tilmash/tilmash/workflow/catalog"
)

// branch is the files of one language of one article on a branch, changed
// as tilmash push and review change them.
type branch struct {
	msgs map[string]catalog.Message
	meta catalog.Meta
	mem  *catalog.Memory
	// clock gives each change its own time.
	clock int
	name  string
}

var segIDs = []string{"title", "p1", "p2", "p3", "p4", "p5"}

func srcOf(id string) string { return "Source of " + id }

func newBranch() *branch {
	return &branch{msgs: map[string]catalog.Message{}, meta: catalog.Meta{Segments: map[string]catalog.SegmentMeta{}}, mem: &catalog.Memory{}, name: "base"}
}

func (b *branch) fork(name string, clock int) *branch {
	c := &branch{msgs: maps.Clone(b.msgs), meta: catalog.Meta{Segments: map[string]catalog.SegmentMeta{}}, mem: &catalog.Memory{}, clock: clock, name: name}
	for id, sm := range b.meta.Segments {
		sm.History = slices.Clone(sm.History)
		c.meta.Segments[id] = sm
	}
	for _, e := range b.mem.Entries {
		c.mem.Add(e)
	}
	return c
}

func (b *branch) now() string {
	b.clock++
	return fmt.Sprintf("2026-01-01T00:%02d:%02dZ", b.clock/60, b.clock%60)
}

// push replaces a segment's translation as tilmash push does.
func (b *branch) push(id, text string) {
	src := srcOf(id)
	cur := b.msgs[id].Other
	if cur == text {
		return
	}
	sm := b.meta.Segments[id]
	if cur != "" {
		sm.Record(catalog.Version{Text: cur, Source: src})
		b.mem.Add(catalog.MemoryEntry{Article: "a", ID: id, Source: src, Translation: cur})
	}
	b.msgs[id] = catalog.Message{ID: id, Hash: catalog.Hash("", src), Other: text}
	for _, d := range sm.Record(catalog.Version{Text: text, Source: src, By: b.name, On: b.now(), Via: "push"}) {
		b.mem.Add(catalog.MemoryEntry{Article: "a", ID: id, Source: d.Source, Translation: d.Text})
	}
	b.meta.Segments[id] = sm
}

// approve approves a segment's translation as tilmash review does.
func (b *branch) approve(id string) {
	m, ok := b.msgs[id]
	if !ok {
		return
	}
	sm := b.meta.Segments[id]
	sm.Review = &catalog.Review{By: b.name, On: b.now()[:10], Source: m.Hash, Translation: catalog.TextHash(m.Other)}
	b.meta.Segments[id] = sm
}

// change makes n random changes: translations from a small vocabulary (so
// that both sides sometimes agree), approvals, memory entries.
func (b *branch) change(r *rand.Rand, n int) {
	for range n {
		id := segIDs[r.IntN(len(segIDs))]
		switch r.IntN(4) {
		case 0, 1:
			b.push(id, fmt.Sprintf("%s %s-%d", id, []string{"аударма", "нұсқа", "мәтін"}[r.IntN(3)], r.IntN(3)))
		case 2:
			b.approve(id)
		default:
			b.mem.Add(catalog.MemoryEntry{Article: "old", ID: id, Source: "Old " + id, Translation: fmt.Sprintf("%s memory %d", b.name, r.IntN(3))})
		}
	}
}

type files struct{ msgs, meta, mem []byte }

func (b *branch) files(t testing.TB) files {
	t.Helper()
	var list []catalog.Message
	for _, m := range b.msgs {
		list = append(list, m)
	}
	msgs, err := catalog.MarshalNested(header, "a", list)
	if err != nil {
		t.Fatal(err)
	}
	meta, err := b.meta.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	mem, err := b.mem.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return files{msgs, meta, mem}
}

type merged struct {
	files
	conflicts     []Conflict
	metaConflicts []Conflict
}

func mergeAll(t testing.TB, base, ours, theirs files) merged {
	t.Helper()
	m, err := Messages(msgPath, "a", base.msgs, ours.msgs, theirs.msgs)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Sidecar(metaPath, base.meta, ours.meta, theirs.meta)
	if err != nil {
		t.Fatal(err)
	}
	mm, err := Memory(memPath, base.mem, ours.mem, theirs.mem)
	if err != nil {
		t.Fatal(err)
	}
	return merged{files{m.Data, s.Data, mm.Data}, m.Conflicts, s.Conflicts}
}

// texts returns every translation the files keep: current, in a history,
// in an open conflict, in the memory.
func texts(t testing.TB, f files) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	msgs, err := readMessages(msgPath, "a", f.msgs)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		out[m.Other] = true
	}
	meta := parseMeta(t, f.meta)
	for _, sm := range meta.Segments {
		for _, v := range sm.History {
			out[v.Text] = true
		}
		if sm.Conflict != nil {
			out[sm.Conflict.Text] = true
		}
	}
	if len(f.mem) > 0 {
		mem, err := catalog.ParseMemory(memPath, f.mem)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range mem.Entries {
			out[e.Translation] = true
		}
	}
	return out
}

func parseMeta(t testing.TB, data []byte) *catalog.Meta {
	t.Helper()
	if len(data) == 0 {
		return &catalog.Meta{}
	}
	meta, err := catalog.ParseMeta(metaPath, data)
	if err != nil {
		t.Fatal(err)
	}
	return meta
}

// TestMergeProperties merges random changes of two branches from a common
// base, both ways round: every translation either side had is kept
// (current, in a history, in the open conflict or in the memory); the
// message file and the sidecar find the same conflicts; ours stays
// current and theirs is the open conflict; the two merges differ only in
// which side of a conflict is current; the merged files are what tilmash
// writes for what they hold.
func TestMergeProperties(t *testing.T) {
	conflicts, both := 0, 0
	for seed := range uint64(500) {
		r := rand.New(rand.NewPCG(seed, 11))
		base := newBranch()
		base.change(r, r.IntN(8))
		a, b := base.fork("A", 100), base.fork("B", 200)
		a.change(r, r.IntN(8))
		b.change(r, r.IntN(8))
		fb, fa, fB := base.files(t), a.files(t), b.files(t)
		ab := mergeAll(t, fb, fa, fB)
		ba := mergeAll(t, fb, fB, fa)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("seed %d: %s\nbase:\n%s\n%s\nA:\n%s\n%s\nB:\n%s\n%s\nA+B:\n%s\n%s", seed, fmt.Sprintf(format, args...),
				fb.msgs, fb.meta, fa.msgs, fa.meta, fB.msgs, fB.meta, ab.msgs, ab.meta)
		}

		conflicts += len(ab.conflicts)
		if string(fa.meta) != string(fb.meta) && string(fB.meta) != string(fb.meta) {
			both++
		}
		kept := texts(t, ab.files)
		for side, f := range map[string]files{"A": fa, "B": fB} {
			for text := range texts(t, f) {
				if !kept[text] {
					fail("%s's translation %q is lost", side, text)
				}
			}
		}
		if fmt.Sprint(ab.conflicts) != fmt.Sprint(ab.metaConflicts) {
			fail("the message file finds conflicts %v, the sidecar %v", ab.conflicts, ab.metaConflicts)
		}
		if len(ab.conflicts) != len(ba.conflicts) {
			fail("A into B finds %d conflicts, B into A %d", len(ab.conflicts), len(ba.conflicts))
		}
		inConflict := map[string]bool{}
		msgsAB, _ := readMessages(msgPath, "a", ab.msgs)
		msgsBA, _ := readMessages(msgPath, "a", ba.msgs)
		metaAB, metaBA := parseMeta(t, ab.meta), parseMeta(t, ba.meta)
		for _, c := range ab.conflicts {
			inConflict[c.ID] = true
			if msgsAB[c.ID].Other != a.msgs[c.ID].Other || c.Ours != a.msgs[c.ID].Other || c.Theirs != b.msgs[c.ID].Other {
				fail("conflict %v: current %q, want ours %q", c, msgsAB[c.ID].Other, a.msgs[c.ID].Other)
			}
			if sc := metaAB.Segments[c.ID].Conflict; sc == nil || sc.Text != b.msgs[c.ID].Other {
				fail("conflict %v: the sidecar keeps %v as the other translation", c, sc)
			}
			if h := metaAB.Segments[c.ID].History; len(h) == 0 || h[len(h)-1].Text != c.Ours {
				fail("conflict %v: the history does not end with the current translation: %v", c, h)
			}
		}
		for _, id := range unionKeys(msgsAB, msgsBA) {
			if !inConflict[id] && msgsAB[id] != msgsBA[id] {
				fail("message %s: A into B %v, B into A %v", id, msgsAB[id], msgsBA[id])
			}
		}
		for _, id := range unionKeys(metaAB.Segments, metaBA.Segments) {
			x, y := metaAB.Segments[id], metaBA.Segments[id]
			if !inConflict[id] {
				if !sameSegment(x, y) {
					fail("segment %s: A into B %+v, B into A %+v", id, x, y)
				}
				continue
			}
			if versionSet(x) != versionSet(y) {
				fail("segment %s in conflict: A into B keeps %s, B into A %s", id, versionSet(x), versionSet(y))
			}
		}
		if string(ab.mem) != string(ba.mem) {
			fail("memories differ:\n%s\n%s", ab.mem, ba.mem)
		}

		// What tilmash writes for what the merge holds is what the merge wrote.
		again := base.fork("again", 0)
		again.msgs = msgsAB
		again.meta = *metaAB
		if len(ab.mem) > 0 {
			mem, err := catalog.ParseMemory(memPath, ab.mem)
			if err != nil {
				t.Fatal(err)
			}
			again.mem = mem
		} else {
			again.mem = &catalog.Memory{}
		}
		if f := again.files(t); string(f.msgs) != string(ab.msgs) || string(f.meta) != string(ab.meta) || string(f.mem) != string(ab.mem) {
			fail("the merged files are not written as tilmash writes them")
		}
	}
	if conflicts < 50 || both < 200 {
		t.Errorf("the random changes met too rarely: %d conflicts, %d sidecars changed on both sides", conflicts, both)
	}
}

// versionSet lists the versions a segment record keeps, in or out of
// conflict, sorted.
func versionSet(s catalog.SegmentMeta) string {
	var all []string
	for _, v := range s.History {
		all = append(all, fmt.Sprint(v))
	}
	if s.Conflict != nil && !slices.Contains(s.History, *s.Conflict) {
		all = append(all, fmt.Sprint(*s.Conflict))
	}
	slices.Sort(all)
	return fmt.Sprint(all)
}

// FuzzMerge merges any three inputs as each kind of file: it never panics,
// and what it writes reads back.
func FuzzMerge(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	base := newBranch()
	base.change(r, 6)
	a, b := base.fork("A", 100), base.fork("B", 200)
	a.change(r, 6)
	b.change(r, 6)
	fb, fa, fB := base.files(f), a.files(f), b.files(f)
	f.Add(fb.msgs, fa.msgs, fB.msgs)
	f.Add(fb.meta, fa.meta, fB.meta)
	f.Add(fb.mem, fa.mem, fB.mem)
	f.Add([]byte(""), []byte("[a.title]\nother = 'x'\n"), []byte("<<<<<<< ours\n"))
	f.Add([]byte("order = ['title', 'a']"), []byte("order = ['title', 'b', 'a']"), []byte("order = ['a', 'c']"))
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		if res, err := Messages(msgPath, "a", base, ours, theirs); err == nil {
			if _, err := catalog.Parse(msgPath, res.Data); err != nil {
				t.Errorf("merged message file does not read: %v\n%s", err, res.Data)
			}
		}
		if res, err := Messages("locales/kk/ui.kk.toml", "", base, ours, theirs); err == nil {
			if _, err := catalog.Parse("ui.kk.toml", res.Data); err != nil {
				t.Errorf("merged UI strings do not read: %v\n%s", err, res.Data)
			}
		}
		if res, err := Sidecar(metaPath, base, ours, theirs); err == nil && res.Data != nil {
			if _, err := catalog.ParseMeta(metaPath, res.Data); err != nil {
				t.Errorf("merged sidecar does not read: %v\n%s", err, res.Data)
			}
		}
		if res, err := Memory(memPath, base, ours, theirs); err == nil && res.Data != nil {
			if _, err := catalog.ParseMemory(memPath, res.Data); err != nil {
				t.Errorf("merged memory does not read: %v\n%s", err, res.Data)
			}
		}
	})
}
