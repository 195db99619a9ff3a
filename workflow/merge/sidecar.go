package merge

import (
	"fmt"
	"slices"

	"github.com/tilmash/tilmash/workflow/catalog"
)

// Sidecar merges three versions of a sidecar per segment record. A
// segment whose latest recorded translation changed on both sides to
// different texts is a conflict: ours stays the latest (current) version,
// theirs becomes the segment's open conflict, both stay in the history.
// The order of a source sidecar is merged as well as it can be; sync
// rewrites it from the article.
func Sidecar(path string, base, ours, theirs []byte) (*Result, error) {
	var metas [3]*catalog.Meta
	for i, data := range [][]byte{base, ours, theirs} {
		metas[i] = &catalog.Meta{}
		if len(data) == 0 {
			continue
		}
		m, err := catalog.ParseMeta(path, data)
		if err != nil {
			return nil, &SideError{Side: sides[i], Err: err}
		}
		metas[i] = m
	}
	b, o, t := metas[0], metas[1], metas[2]
	out := &catalog.Meta{Order: mergeOrder(b.Order, o.Order, t.Order)}
	res := &Result{}
	for _, id := range unionKeys(b.Segments, o.Segments, t.Segments) {
		sb, so, st := b.Segments[id], o.Segments[id], t.Segments[id]
		var sm catalog.SegmentMeta
		switch {
		case sameSegment(so, sb):
			sm = st
		case sameSegment(st, sb), sameSegment(so, st):
			sm = so
		default:
			var c *Conflict
			sm, c = mergeSegment(sb, so, st)
			if c != nil {
				c.ID = id
				res.Conflicts = append(res.Conflicts, *c)
			}
		}
		if sm.Empty() {
			continue
		}
		if out.Segments == nil {
			out.Segments = map[string]catalog.SegmentMeta{}
		}
		out.Segments[id] = sm
	}
	data, err := out.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	res.Data = data
	return res, nil
}

// mergeSegment merges a segment record changed on both sides.
func mergeSegment(b, o, t catalog.SegmentMeta) (catalog.SegmentMeta, *Conflict) {
	lb, lo, lt := latest(b), latest(o), latest(t)
	changedO, changedT := textOf(lo) != textOf(lb), textOf(lt) != textOf(lb)
	var conflict *Conflict
	if changedO && changedT && lo != nil && lt != nil && lo.Text != lt.Text {
		conflict = &Conflict{Ours: lo.Text, Theirs: lt.Text}
	}
	cur := lb
	switch {
	case changedO && changedT && conflict == nil && lo != nil && lt != nil && versionLess(*lo, *lt):
		cur = lt // the same text on both sides: the later version
	case changedO:
		cur = lo
	case changedT:
		cur = lt
	}
	out := catalog.SegmentMeta{History: unionHistory(o.History, t.History)}

	// The open conflict, and the versions of conflicts it displaces.
	var keep []catalog.Version
	if conflict != nil {
		out.Conflict = clone(lt)
		for _, c := range []*catalog.Version{o.Conflict, t.Conflict} {
			if c != nil && *c != *lt {
				keep = append(keep, *c)
			}
		}
	} else {
		out.Conflict, keep = mergeConflict(b.Conflict, o.Conflict, t.Conflict)
	}
	if out.Conflict != nil && cur != nil && out.Conflict.Text == cur.Text {
		keep = append(keep, *out.Conflict)
		out.Conflict = nil
	}
	for _, v := range keep {
		if !slices.Contains(out.History, v) {
			out.History = append(out.History, v)
		}
	}
	if cur != nil { // the current translation last, as a push leaves it
		if i := slices.Index(out.History, *cur); i >= 0 {
			out.History = append(slices.Delete(out.History, i, i+1), *cur)
		}
	}

	switch { // the previous source goes with the translation it explains
	case b.Previous == o.Previous:
		out.Previous = t.Previous
	case b.Previous == t.Previous:
		out.Previous = o.Previous
	case changedT && !changedO:
		out.Previous = t.Previous
	default:
		out.Previous = o.Previous
	}
	out.Review = mergeReview(b.Review, o.Review, t.Review, cur)
	return out, conflict
}

// mergeConflict merges the open conflicts of a segment whose translation
// did not meet another: one side's change, or (both changed) the first of
// them; the other goes to the history.
func mergeConflict(b, o, t *catalog.Version) (*catalog.Version, []catalog.Version) {
	switch {
	case sameVersion(o, b):
		return clone(t), nil
	case sameVersion(t, b), sameVersion(o, t):
		return clone(o), nil
	case o == nil:
		return clone(t), nil
	case t == nil:
		return clone(o), nil
	}
	first, second := o, t
	if versionLess(*t, *o) {
		first, second = t, o
	}
	return clone(first), []catalog.Version{*second}
}

// mergeReview merges the approvals of a segment changed on both sides: one
// side's change, or (both changed) the approval of the current
// translation, else the latest.
func mergeReview(b, o, t *catalog.Review, cur *catalog.Version) *catalog.Review {
	switch {
	case sameReview(o, b):
		return cloneReview(t)
	case sameReview(t, b), sameReview(o, t):
		return cloneReview(o)
	}
	var best *catalog.Review
	better := func(r *catalog.Review) bool {
		if best == nil {
			return true
		}
		if cur != nil {
			a, c := approvesText(r, cur.Text), approvesText(best, cur.Text)
			if a != c {
				return a
			}
		}
		return reviewKey(*r) > reviewKey(*best)
	}
	for _, r := range []*catalog.Review{o, t} {
		if r != nil && better(r) {
			best = r
		}
	}
	return cloneReview(best)
}

func approvesText(r *catalog.Review, text string) bool {
	return r.Translation == catalog.TextHash(text)
}

func reviewKey(r catalog.Review) string {
	return r.On + "\x00" + r.By + "\x00" + r.Source + "\x00" + r.Translation
}

// latest returns the last version a history records, or nil.
func latest(s catalog.SegmentMeta) *catalog.Version {
	if n := len(s.History); n > 0 {
		return &s.History[n-1]
	}
	return nil
}

func textOf(v *catalog.Version) string {
	if v == nil {
		return ""
	}
	return v.Text
}

// unionHistory merges two histories: their common beginning, then every
// other version of either once, in time order (versions without a time
// first, as they come from before history was kept), ties in a fixed order
// of their content, so that merging either way round gives one history.
func unionHistory(o, t []catalog.Version) []catalog.Version {
	n := 0
	for n < len(o) && n < len(t) && o[n] == t[n] {
		n++
	}
	out := append([]catalog.Version(nil), o[:n]...)
	seen := map[catalog.Version]bool{}
	for _, v := range out {
		seen[v] = true
	}
	add := func(v catalog.Version) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	i, j := n, n
	for i < len(o) || j < len(t) {
		switch {
		case j == len(t) || i < len(o) && versionLess(o[i], t[j]):
			add(o[i])
			i++
		default:
			add(t[j])
			j++
		}
	}
	return out
}

// versionLess orders versions by time, then by content.
func versionLess(a, b catalog.Version) bool {
	ka := [...]string{a.On, a.Text, a.Source, a.By, a.Via}
	kb := [...]string{b.On, b.Text, b.Source, b.By, b.Via}
	return slices.Compare(ka[:], kb[:]) < 0
}

// mergeOrder merges the segment order of a source sidecar: ours, without
// what theirs removed, with what theirs added after the segment it follows
// there.
func mergeOrder(b, o, t []string) []string {
	switch {
	case slices.Equal(o, b):
		return t
	case slices.Equal(t, b), slices.Equal(o, t):
		return o
	}
	inB := setOf(b)
	inT := setOf(t)
	var out []string
	have := map[string]bool{}
	for _, id := range o {
		if inB[id] && !inT[id] {
			continue // removed on their side
		}
		out = append(out, id)
		have[id] = true
	}
	for k, id := range t {
		if have[id] || inB[id] {
			continue
		}
		at := 0 // after the nearest segment before it that out has
		for p := k - 1; p >= 0; p-- {
			if i := slices.Index(out, t[p]); i >= 0 {
				at = i + 1
				break
			}
		}
		out = slices.Insert(out, at, id)
		have[id] = true
	}
	return out
}

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func sameSegment(a, b catalog.SegmentMeta) bool {
	return a.Previous == b.Previous && sameReview(a.Review, b.Review) &&
		slices.Equal(a.History, b.History) && sameVersion(a.Conflict, b.Conflict)
}

func sameVersion(a, b *catalog.Version) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func sameReview(a, b *catalog.Review) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func clone(v *catalog.Version) *catalog.Version {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}

func cloneReview(r *catalog.Review) *catalog.Review {
	if r == nil {
		return nil
	}
	c := *r
	return &c
}
