package workflow

import (
	"testing"

	"github.com/tilmash/tilmash/workflow/catalog"
)

func TestJudge(t *testing.T) {
	const src, old = "The source.", "The old source."
	cur, prev := catalog.Hash("", src), catalog.Hash("", old)
	approval := func(source, text string) catalog.SegmentMeta {
		return catalog.SegmentMeta{Review: &catalog.Review{By: "A", On: "2026-01-01", Source: source, Translation: catalog.TextHash(text)}}
	}
	for _, tc := range []struct {
		name   string
		m      catalog.Message
		has    bool
		sm     catalog.SegmentMeta
		want   State
		lapsed bool
	}{
		{"no message", catalog.Message{}, false, catalog.SegmentMeta{}, Missing, false},
		{"empty message", catalog.Message{Hash: cur}, true, catalog.SegmentMeta{}, Missing, false},
		{"no hash, still the source", catalog.Message{Other: src}, true, catalog.SegmentMeta{}, Missing, false},
		{"no hash, translated", catalog.Message{Other: "Перевод."}, true, catalog.SegmentMeta{}, Translated, false},
		{"current hash", catalog.Message{Hash: cur, Other: "Перевод."}, true, catalog.SegmentMeta{}, Translated, false},
		{"current hash, same text as source", catalog.Message{Hash: cur, Other: src}, true, catalog.SegmentMeta{}, Translated, false},
		{"older hash", catalog.Message{Hash: prev, Other: "Перевод."}, true, catalog.SegmentMeta{}, Stale, false},
		{"approved", catalog.Message{Hash: cur, Other: "Перевод."}, true, approval(cur, "Перевод."), Reviewed, false},
		{"approval of another text", catalog.Message{Hash: cur, Other: "Перевод!"}, true, approval(cur, "Перевод."), Translated, true},
		{"approval of another source", catalog.Message{Hash: cur, Other: "Перевод."}, true, approval(prev, "Перевод."), Translated, true},
		{"stale with approval", catalog.Message{Hash: prev, Other: "Перевод."}, true, approval(prev, "Перевод."), Stale, true},
		{"approval left without a translation", catalog.Message{}, false, approval(cur, "Перевод."), Missing, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := judge(src, tc.m, tc.has, tc.sm)
			if j.State != tc.want || j.Lapsed != tc.lapsed {
				t.Errorf("judge = %s (lapsed %v), want %s (lapsed %v)", j.State, j.Lapsed, tc.want, tc.lapsed)
			}
		})
	}
}

func TestMadeFor(t *testing.T) {
	sm := catalog.SegmentMeta{Previous: "Old."}
	for _, tc := range []struct{ hash, want string }{
		{"", "New."},
		{catalog.Hash("", "New."), "New."},
		{catalog.Hash("", "Old."), "Old."},
		{catalog.Hash("", "Older."), ""},
	} {
		if got := madeFor(tc.hash, "New.", sm); got != tc.want {
			t.Errorf("madeFor(%s) = %q, want %q", tc.hash, got, tc.want)
		}
	}
}
