package workflow

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/glossary"
	"github.com/tilmash/tilmash/workflow/segment"
	"github.com/tilmash/tilmash/workflow/track"
)

// PullOptions say which segments to hand a translator.
type PullOptions struct {
	Filter
	// Lang is the target language.
	Lang language.Tag
	// Include lists the states to pull; empty means missing and stale.
	Include []State
}

// Suggestion is a translation-memory match for a pending segment.
type Suggestion struct {
	Source      string  `json:"source"`
	Translation string  `json:"translation"`
	Score       float64 `json:"score"`
	// Origin names where it comes from: "<article>/<id>" or "memory".
	Origin string `json:"origin"`
}

// PullItem is one segment handed to a translator, with its context.
type PullItem struct {
	Article string
	// Title is the article's title in its source language, SourceLang.
	Title      string
	SourceLang language.Tag
	ID         string
	State      State
	// Source is the current source text; Codes are its placeholders.
	Source string
	Codes  []segment.Code
	// Translation is the current (stale or done) translation, if any.
	Translation string
	// Previous is the source text the stale translation was made from.
	Previous string
	// Conflict is the other translation of an open conflict: pushing a
	// translation of the segment resolves it.
	Conflict string
	// Terms are the glossary's terms found in the source, with the form
	// the translation must use.
	Terms []TermHint
	// Before and After are the neighbouring segments' source texts.
	Before, After string
	Suggestions   []Suggestion
	Words         int
	// Line is the line of the segment in the article.
	Line int
}

// Diff returns a word diff of Previous → Source as text: [-removed-]{+added+}.
func (it PullItem) Diff() string {
	if it.Previous == "" {
		return ""
	}
	var sb strings.Builder
	for _, op := range wordDiff(it.Previous, it.Source) {
		switch op.Op {
		case "delete":
			sb.WriteString("[-" + op.Text + "-]")
		case "insert":
			sb.WriteString("{+" + op.Text + "+}")
		default:
			sb.WriteString(op.Text)
		}
	}
	return sb.String()
}

// Pull returns the pending segments of a language in document order.
func (ws *Workspace) Pull(ctx context.Context, opts PullOptions) ([]PullItem, error) {
	if base, ok := ws.DerivedFrom(opts.Lang); ok {
		return nil, derivedError(opts.Lang, base)
	}
	q, err := ws.qaRules()
	if err != nil {
		return nil, err
	}
	include := map[State]bool{}
	for _, s := range opts.Include {
		include[s] = true
	}
	if len(include) == 0 {
		include[Missing], include[Stale] = true, true
	}
	slugs := opts.Articles
	if len(slugs) == 0 {
		var err error
		if slugs, err = ws.Slugs(); err != nil {
			return nil, err
		}
	}
	// The translation memory reads every article, those pulled among them:
	// what it finds in those is kept, so that no article is read twice.
	scope := make(map[string]*pulled, len(slugs))
	for _, slug := range slugs {
		scope[slug] = nil
	}
	tm, err := ws.memoryIndex(ctx, opts.Lang, func(slug string, st *articleState, err error, states []SegmentStatus) {
		if _, ok := scope[slug]; ok {
			scope[slug] = pulledOf(slug, st, err, opts.Lang, states, include)
		}
	})
	if err != nil {
		return nil, err
	}
	var items []PullItem
	for _, slug := range slugs {
		p := scope[slug]
		if p == nil { // not one of the articles the memory read
			st, err := ws.articleState(slug)
			var states []SegmentStatus
			if err == nil && !st.outOfDate && st.src.art.Lang != opts.Lang {
				if states, err = ws.segmentStates(st, opts.Lang); err != nil {
					return nil, err
				}
			}
			p = pulledOf(slug, st, err, opts.Lang, states, include)
		}
		if p.err != nil {
			return nil, p.err
		}
		if p.outOfDate {
			return nil, fmt.Errorf("%s changed since the last sync: run tilmash sync, then pull", ws.ArticlePath(slug))
		}
		for _, it := range p.items {
			if it.State == Missing || it.State == Stale {
				it.Suggestions = tm.lookup(it.Source, slug+"/"+it.ID)
			}
			it.Terms = termsIn(q.glossary, it.Source, it.SourceLang, opts.Lang)
			items = append(items, it)
		}
	}
	return items, nil
}

// pulled is what a pull takes from one article: the error reading it, or
// whether it changed since the last sync, or the items of its segments in
// the states pulled, without suggestions (none when it is written in the
// language pulled).
type pulled struct {
	err       error
	outOfDate bool
	items     []PullItem
}

// pulledOf gathers what a pull takes from an article, given its state (or
// the error reading it) and the states of its segments in lang.
func pulledOf(slug string, st *articleState, err error, lang language.Tag, states []SegmentStatus, include map[State]bool) *pulled {
	switch {
	case err != nil:
		return &pulled{err: err}
	case st.outOfDate:
		return &pulled{outOfDate: true}
	case st.src.art.Lang == lang:
		return &pulled{}
	}
	p := &pulled{}
	for i, s := range states {
		if !include[s.State] && s.Conflict == "" {
			continue // a segment in conflict is pulled whatever its state
		}
		u := st.units[i]
		it := PullItem{
			Article: slug, Title: st.src.art.Title, SourceLang: st.src.art.Lang, ID: s.ID, State: s.State,
			Source: s.Source, Translation: s.Translation, Previous: s.Previous, Conflict: s.Conflict,
			Words: s.Words, Line: s.Line,
		}
		if u.Index >= 0 {
			it.Codes = st.src.doc.Segments[u.Index].Codes
		}
		if i > 0 {
			it.Before = states[i-1].Source
		}
		if i+1 < len(states) {
			it.After = states[i+1].Source
		}
		p.items = append(p.items, it)
	}
	return p
}

// memory is a language's translation memory: the finished translations of
// every article and the remembered translations of removed segments.
type memory struct {
	entries []Suggestion
	// ids numbers the words of the sources; words holds the numbers of the
	// words of each entry's source, sorted; byWord lists the entries that
	// have a word, by its number.
	ids    map[string]int32
	words  [][]int32
	byWord [][]int32
	// seen[i] is stamp when entry i is a candidate of the lookup under way.
	seen  []uint32
	stamp uint32
}

// add puts an entry into the memory.
func (m *memory) add(s Suggestion) {
	i := int32(len(m.entries))
	m.entries = append(m.entries, s)
	words := track.Words(s.Source)
	w := make([]int32, len(words))
	for k, x := range words {
		id, ok := m.ids[x]
		if !ok {
			id = int32(len(m.byWord))
			m.ids[x] = id
			m.byWord = append(m.byWord, nil)
		}
		w[k] = id
	}
	slices.Sort(w)
	for k, id := range w {
		if k == 0 || w[k-1] != id {
			m.byWord[id] = append(m.byWord[id], i)
		}
	}
	m.words = append(m.words, w)
}

// memoryIndex gathers the translation memory of a language from every
// article and the memory file. visit is called with each article's state,
// or the error reading it, and the states of its segments in the language
// (none for an article written in it).
func (ws *Workspace) memoryIndex(ctx context.Context, tag language.Tag, visit func(slug string, st *articleState, err error, states []SegmentStatus)) (*memory, error) {
	m := &memory{ids: map[string]int32{}}
	slugs, err := ws.Slugs()
	if err != nil {
		return nil, err
	}
	for n, slug := range slugs {
		ws.progress(n, len(slugs))
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st, err := ws.articleState(slug)
		if err != nil || st.src.art.Lang == tag {
			visit(slug, st, err, nil)
			continue // an article that cannot be read has nothing to offer
		}
		states, err := ws.segmentStates(st, tag)
		if err != nil {
			return nil, err
		}
		for _, s := range states {
			if s.State == Translated || s.State == Reviewed {
				m.add(Suggestion{Source: s.Source, Translation: s.Translation, Origin: slug + "/" + s.ID})
			}
		}
		visit(slug, st, nil, states)
	}
	ws.progress(len(slugs), len(slugs))
	data, err := ws.readFile(ws.MemoryPath(tag))
	if err != nil {
		return nil, err
	}
	if data != nil {
		mem, err := catalog.ParseMemory(ws.MemoryPath(tag), data)
		if err != nil {
			return nil, err
		}
		for _, e := range mem.Entries {
			origin := "memory"
			if e.Origin != "" {
				origin = "memory (" + e.Origin + ")"
			}
			m.add(Suggestion{Source: e.Source, Translation: e.Translation, Origin: origin})
		}
	}
	return m, nil
}

// lookup returns up to three entries whose source is at least 60% similar
// to text, best first, leaving out the segment itself.
func (m *memory) lookup(text, self string) []Suggestion {
	words := track.Words(text)
	w := make([]int32, 0, len(words))
	for _, x := range words {
		if id, ok := m.ids[x]; ok {
			w = append(w, id) // a word no entry has adds to no score
		}
	}
	slices.Sort(w)
	if m.seen == nil {
		m.seen = make([]uint32, len(m.entries))
	}
	if m.stamp++; m.stamp == 0 {
		clear(m.seen)
		m.stamp = 1
	}
	var cand []int32
	for k, id := range w {
		if k > 0 && w[k-1] == id || len(m.byWord[id]) > 200 {
			continue // done, or too common a word to narrow anything down
		}
		for _, i := range m.byWord[id] {
			if m.seen[i] != m.stamp {
				m.seen[i] = m.stamp
				cand = append(cand, i)
			}
		}
	}
	slices.Sort(cand)
	var out []Suggestion
	for _, i := range cand {
		// track.Similarity of the word lists: the Dice coefficient.
		ew := m.words[i]
		common := 0
		for a, b := 0, 0; a < len(w) && b < len(ew); {
			switch {
			case w[a] < ew[b]:
				a++
			case w[a] > ew[b]:
				b++
			default:
				common++
				a++
				b++
			}
		}
		score := 2 * float64(common) / float64(len(words)+len(ew))
		if score < 0.6 {
			continue // the same text would score 1
		}
		e := m.entries[i]
		if e.Origin == self {
			continue
		}
		if e.Source == text {
			score = 1
		}
		e.Score = float64(int(score*100+0.5)) / 100
		out = append(out, e)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Score != out[b].Score {
			return out[a].Score > out[b].Score
		}
		return out[a].Origin < out[b].Origin
	})
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// TermHint is a glossary term found in a segment's source: how the source
// writes it, the form the translation must use, and the term's note.
type TermHint struct {
	Source      string `json:"source"`
	Translation string `json:"translation"`
	Note        string `json:"note,omitempty"`
}

// termsIn lists the glossary's terms in a source text with their required
// forms in lang (the source's own form for a term not to translate).
func termsIn(g *glossary.Glossary, text string, src, lang language.Tag) []TermHint {
	var out []TermHint
	for _, o := range g.In(text, src) {
		e := o.Term.Entry(lang)
		if e == nil {
			continue
		}
		h := TermHint{Source: o.Text, Translation: e.Form, Note: e.Note}
		if h.Note == "" {
			h.Note = o.Term.Note
		}
		if e.DoNotTranslate {
			h.Translation = o.Text
		}
		if h.Translation != "" {
			out = append(out, h)
		}
	}
	return out
}
