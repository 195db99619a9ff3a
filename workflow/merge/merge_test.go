package merge

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/workflow/catalog"
)

const (
	msgPath  = "locales/kk/a.kk.toml"
	metaPath = "locales/kk/.tilmash/a.kk.toml"
	memPath  = "locales/kk/.tilmash/memory.kk.toml"
	header   = "Kazakh translations of articles/a.md, one message per segment."
)

// file writes messages as a target message file of the article a; each
// pair is a segment ID and its translation, made for the source "S:"+ID.
func file(t testing.TB, pairs ...string) []byte {
	t.Helper()
	var msgs []catalog.Message
	for i := 0; i < len(pairs); i += 2 {
		msgs = append(msgs, catalog.Message{ID: pairs[i], Hash: catalog.Hash("", "S:"+pairs[i]), Other: pairs[i+1]})
	}
	data, err := catalog.MarshalNested(header, "a", msgs)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func sidecar(t testing.TB, segs map[string]catalog.SegmentMeta) []byte {
	t.Helper()
	data, err := (&catalog.Meta{Segments: segs}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func v(text, on string) catalog.Version {
	return catalog.Version{Text: text, Source: "S", By: "t", On: on, Via: "push"}
}

func TestMessages(t *testing.T) {
	base := file(t, "title", "Т0", "p1", "П1")
	tests := []struct {
		name         string
		ours, theirs []byte
		want         []byte
		conflicts    []Conflict
	}{
		{"different segments", file(t, "title", "Т0", "p1", "П1", "p2", "ours"), file(t, "title", "Т1", "p1", "П1", "p3", "theirs"),
			file(t, "title", "Т1", "p1", "П1", "p2", "ours", "p3", "theirs"), nil},
		{"one side only", base, file(t, "title", "Т1", "p1", "П1"), file(t, "title", "Т1", "p1", "П1"), nil},
		{"alike on both sides", file(t, "title", "Т1", "p1", "П1"), file(t, "title", "Т1", "p1", "П1"), file(t, "title", "Т1", "p1", "П1"), nil},
		{"conflict keeps ours", file(t, "title", "ours", "p1", "П1"), file(t, "title", "theirs", "p1", "П2"),
			file(t, "title", "ours", "p1", "П2"), []Conflict{{ID: "title", Ours: "ours", Theirs: "theirs"}}},
		{"added on both sides differently", file(t, "title", "Т0", "p1", "П1", "p9", "x"), file(t, "title", "Т0", "p1", "П1", "p9", "y"),
			file(t, "title", "Т0", "p1", "П1", "p9", "x"), []Conflict{{ID: "p9", Ours: "x", Theirs: "y"}}},
		{"removed on one side, changed on the other", file(t, "title", "Т0"), file(t, "title", "Т0", "p1", "П2"),
			file(t, "title", "Т0", "p1", "П2"), nil},
		{"removed on one side only", file(t, "title", "Т0"), base, file(t, "title", "Т0"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Messages(msgPath, "a", base, tt.ours, tt.theirs)
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Data) != string(tt.want) {
				t.Errorf("merged:\n%s\nwant:\n%s", res.Data, tt.want)
			}
			if fmt.Sprint(res.Conflicts) != fmt.Sprint(tt.conflicts) {
				t.Errorf("conflicts %v, want %v", res.Conflicts, tt.conflicts)
			}
		})
	}
}

func TestMessagesSource(t *testing.T) {
	src := func(pairs ...string) []byte {
		var msgs []catalog.Message
		for i := 0; i < len(pairs); i += 2 {
			msgs = append(msgs, catalog.Message{ID: pairs[i], Other: pairs[i+1]})
		}
		data, err := catalog.MarshalNested("Source texts of articles/a.md (en).", "a", msgs)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	res, err := Messages("locales/en/a.en.toml", "a", src("title", "T", "p1", "One."), src("title", "T", "p1", "One!", "p2", "Two."), src("title", "T", "p1", "One?", "p3", "Three."))
	if err != nil {
		t.Fatal(err)
	}
	if want := src("title", "T", "p1", "One!", "p2", "Two.", "p3", "Three."); string(res.Data) != string(want) {
		t.Errorf("merged:\n%s\nwant:\n%s", res.Data, want)
	}
	if len(res.Conflicts) != 0 || fmt.Sprint(res.Kept) != "[p1]" {
		t.Errorf("conflicts %v, kept %v; want none and [p1]", res.Conflicts, res.Kept)
	}
}

func TestMessagesUI(t *testing.T) {
	ui := func(pairs ...string) []byte {
		var msgs []catalog.Message
		for i := 0; i < len(pairs); i += 2 {
			msgs = append(msgs, catalog.Message{ID: pairs[i], Other: pairs[i+1]})
		}
		data, err := catalog.Marshal("UI strings", msgs)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	res, err := Messages("locales/kk/ui.kk.toml", "", ui("byline", "A", "copyright", "C"), ui("byline", "B", "copyright", "C"), ui("byline", "A", "copyright", "D"))
	if err != nil {
		t.Fatal(err)
	}
	if want := ui("byline", "B", "copyright", "D"); string(res.Data) != string(want) {
		t.Errorf("merged:\n%s\nwant:\n%s", res.Data, want)
	}
	res, err = Messages("locales/kk/ui.kk.toml", "", ui("byline", "A"), ui("byline", "B"), ui("byline", "C"))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.Conflicts) != "[{byline B C}]" || len(res.Kept) != 0 {
		t.Errorf("conflicts %v, kept %v; want byline in conflict", res.Conflicts, res.Kept)
	}
}

func TestMessagesUnreadable(t *testing.T) {
	base := file(t, "title", "Т0")
	_, err := Messages(msgPath, "a", base, base, []byte("[a.title]\nother = 'x\n<<<<<<< HEAD\n"))
	var se *SideError
	if !errors.As(err, &se) || se.Side != Theirs || !strings.Contains(err.Error(), msgPath) {
		t.Fatalf("err = %v, want a SideError of theirs naming %s", err, msgPath)
	}
	if _, err := Messages("locales/kk/a.toml", "a", base, base, base); err == nil {
		t.Error("a file name without a language: no error")
	}
}

func TestSidecar(t *testing.T) {
	rev := func(text string) *catalog.Review {
		return &catalog.Review{By: "ed", On: "2026-01-05", Source: catalog.Hash("", "S"), Translation: catalog.TextHash(text)}
	}
	x0, xo, xt := v("X0", "2026-01-01T00:00:00Z"), v("ours", "2026-01-02T00:00:00Z"), v("theirs", "2026-01-03T00:00:00Z")
	base := map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0}}, "p1": {History: []catalog.Version{v("P", "2026-01-01T00:00:00Z")}}}
	tests := []struct {
		name         string
		ours, theirs map[string]catalog.SegmentMeta
		want         map[string]catalog.SegmentMeta
		conflicts    int
	}{
		{
			name:   "translation and approval of different segments",
			ours:   map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xo}}, "p1": base["p1"]},
			theirs: map[string]catalog.SegmentMeta{"title": base["title"], "p1": {History: base["p1"].History, Review: rev("P")}},
			want:   map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xo}}, "p1": {History: base["p1"].History, Review: rev("P")}},
		},
		{
			name:   "approval lapses under a translation of the other side",
			ours:   map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xo}, Previous: "old"}, "p1": base["p1"]},
			theirs: map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0}, Review: rev("X0")}, "p1": base["p1"]},
			want:   map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xo}, Previous: "old", Review: rev("X0")}, "p1": base["p1"]},
		},
		{
			name:      "conflict: ours current, theirs the open conflict",
			ours:      map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xo}}, "p1": base["p1"]},
			theirs:    map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xt}, Review: rev("theirs")}, "p1": base["p1"]},
			want:      map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xt, xo}, Conflict: &xt, Review: rev("theirs")}, "p1": base["p1"]},
			conflicts: 1,
		},
		{
			name:   "an open conflict meets one on the other side",
			ours:   map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0}, Conflict: &xo}, "p1": base["p1"]},
			theirs: map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0}, Conflict: &xt}, "p1": base["p1"]},
			want:   map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{xt, x0}, Conflict: &xo}, "p1": base["p1"]},
		},
		{
			name:   "a conflict resolved on one side",
			ours:   map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xt, xo}}, "p1": base["p1"]},
			theirs: base,
			want:   map[string]catalog.SegmentMeta{"title": {History: []catalog.Version{x0, xt, xo}}, "p1": base["p1"]},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Sidecar(metaPath, sidecar(t, base), sidecar(t, tt.ours), sidecar(t, tt.theirs))
			if err != nil {
				t.Fatal(err)
			}
			if want := sidecar(t, tt.want); string(res.Data) != string(want) {
				t.Errorf("merged:\n%s\nwant:\n%s", res.Data, want)
			}
			if len(res.Conflicts) != tt.conflicts {
				t.Errorf("conflicts %v, want %d", res.Conflicts, tt.conflicts)
			}
		})
	}
}

func TestSidecarOrder(t *testing.T) {
	order := func(ids ...string) []byte {
		data, err := (&catalog.Meta{Order: ids}).Marshal()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	res, err := Sidecar("locales/en/.tilmash/a.en.toml", order("title", "a", "b", "c"), order("title", "a", "n1", "b", "c"), order("title", "b", "c", "n2"))
	if err != nil {
		t.Fatal(err)
	}
	if want := order("title", "n1", "b", "c", "n2"); string(res.Data) != string(want) {
		t.Errorf("merged:\n%s\nwant:\n%s", res.Data, want)
	}
}

func TestMemory(t *testing.T) {
	mem := func(texts ...string) []byte {
		m := &catalog.Memory{}
		for _, s := range texts {
			m.Add(catalog.MemoryEntry{Article: "a", ID: "p1", Source: "S", Translation: s})
		}
		data, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	res, err := Memory(memPath, mem("a"), mem("a", "b"), mem("a", "c", "b"))
	if err != nil {
		t.Fatal(err)
	}
	if want := mem("a", "b", "c"); string(res.Data) != string(want) {
		t.Errorf("merged:\n%s\nwant:\n%s", res.Data, want)
	}
	if res, err = Memory(memPath, nil, nil, nil); err != nil || res.Data != nil {
		t.Errorf("empty memories: %q, %v", res.Data, err)
	}
	if _, err := Memory(memPath, nil, []byte("entry = 3"), nil); err == nil {
		t.Error("unreadable memory: no error")
	}
}
