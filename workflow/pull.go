package workflow

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
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
func (ws *Workspace) Pull(opts PullOptions) ([]PullItem, error) {
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
	tm, err := ws.memoryIndex(opts.Lang, slugs)
	if err != nil {
		return nil, err
	}
	var items []PullItem
	for _, slug := range slugs {
		st, err := ws.articleState(slug)
		if err != nil {
			return nil, err
		}
		if st.outOfDate {
			return nil, fmt.Errorf("%s changed since the last sync: run tilmash sync, then pull", ws.ArticlePath(slug))
		}
		if st.src.art.Lang == opts.Lang {
			continue
		}
		states, err := ws.segmentStates(st, opts.Lang)
		if err != nil {
			return nil, err
		}
		for i, s := range states {
			if !include[s.State] {
				continue
			}
			u := st.units[i]
			it := PullItem{
				Article: slug, Title: st.src.art.Title, SourceLang: st.src.art.Lang, ID: s.ID, State: s.State,
				Source: s.Source, Translation: s.Translation, Previous: s.Previous,
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
			if s.State == Missing || s.State == Stale {
				it.Suggestions = tm.lookup(s.Source, slug+"/"+s.ID)
			}
			items = append(items, it)
		}
	}
	return items, nil
}

// memory is a language's translation memory: the finished translations of
// every article and the remembered translations of removed segments.
type memory struct {
	entries []Suggestion
	words   [][]string
	byWord  map[string][]int
}

// memoryIndex gathers the translation memory of a language.
func (ws *Workspace) memoryIndex(tag language.Tag, _ []string) (*memory, error) {
	m := &memory{byWord: map[string][]int{}}
	add := func(s Suggestion) {
		w := track.Words(s.Source)
		i := len(m.entries)
		m.entries = append(m.entries, s)
		m.words = append(m.words, w)
		seen := map[string]bool{}
		for _, x := range w {
			if !seen[x] {
				seen[x] = true
				m.byWord[x] = append(m.byWord[x], i)
			}
		}
	}
	slugs, err := ws.Slugs()
	if err != nil {
		return nil, err
	}
	for _, slug := range slugs {
		st, err := ws.articleState(slug)
		if err != nil || st.src.art.Lang == tag {
			continue // an article that cannot be read has nothing to offer
		}
		states, err := ws.segmentStates(st, tag)
		if err != nil {
			return nil, err
		}
		for _, s := range states {
			if s.State == Translated || s.State == Reviewed {
				add(Suggestion{Source: s.Source, Translation: s.Translation, Origin: slug + "/" + s.ID})
			}
		}
	}
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
			add(Suggestion{Source: e.Source, Translation: e.Translation, Origin: "memory"})
		}
	}
	return m, nil
}

// lookup returns up to three entries whose source is at least 60% similar
// to text, best first, leaving out the segment itself.
func (m *memory) lookup(text, self string) []Suggestion {
	w := track.Words(text)
	cand := map[int]bool{}
	for _, x := range w {
		if len(m.byWord[x]) > 200 {
			continue // too common a word to narrow anything down
		}
		for _, i := range m.byWord[x] {
			cand[i] = true
		}
	}
	var out []Suggestion
	for i := range cand {
		e := m.entries[i]
		if e.Origin == self {
			continue
		}
		score := track.Similarity(w, m.words[i])
		if e.Source == text {
			score = 1
		}
		if score >= 0.6 {
			e.Score = float64(int(score*100+0.5)) / 100
			out = append(out, e)
		}
	}
	sort.Slice(out, func(a, b int) bool {
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
