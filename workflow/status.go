package workflow

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/segment"
	"github.com/tilmash/tilmash/workflow/track"
	"github.com/tilmash/tilmash/workflow/translit"
)

// State is the status of a segment in a language.
type State string

// The states of a segment in a language, from least to most done.
const (
	Missing    State = "missing"
	Stale      State = "stale"
	Translated State = "translated"
	Reviewed   State = "reviewed"
)

// SegmentStatus is one segment's state in one language.
type SegmentStatus struct {
	ID          string `json:"id"`
	State       State  `json:"state"`
	Source      string `json:"source"`
	Translation string `json:"translation,omitempty"`
	// Previous is the source the stale translation was made from.
	Previous string `json:"previous,omitempty"`
	// Conflict is the other translation of an open conflict.
	Conflict string `json:"conflict,omitempty"`
	Words    int    `json:"words"`
	Line     int    `json:"line"`
}

// Row is the coverage of one article in one target language.
type Row struct {
	Article      string  `json:"article"`
	Title        string  `json:"title"`
	Lang         string  `json:"lang"`
	Source       string  `json:"source_lang"`
	Segments     int     `json:"segments"`
	Missing      int     `json:"missing"`
	Stale        int     `json:"stale"`
	Translated   int     `json:"translated"`
	Reviewed     int     `json:"reviewed"`
	Words        int     `json:"words"`
	WordsPending int     `json:"words_pending"`
	Percent      float64 `json:"percent"`
	// DerivedFrom names the language a derived language's edition is
	// made from (kk for kk-Latn): its state is that language's.
	DerivedFrom string `json:"derived_from,omitempty"`
	// Conflicts counts the segments with an open conflict (two
	// translations met in a merge): beside the state, until resolved.
	Conflicts int `json:"conflicts"`
	// OutOfDate is set when the article changed since the last sync.
	OutOfDate bool `json:"out_of_date"`

	Detail []SegmentStatus `json:"-"`
}

// Filter narrows an operation to some articles and languages; empty means all.
type Filter struct {
	Articles []string
	Langs    []language.Tag
}

func (f Filter) hasLang(tag language.Tag) bool {
	if len(f.Langs) == 0 {
		return true
	}
	for _, l := range f.Langs {
		if l == tag {
			return true
		}
	}
	return false
}

// Status returns the coverage of every article in every target language,
// derived from the message files and sidecars as sync last wrote them,
// with every segment's state in Row.Detail.
func (ws *Workspace) Status(ctx context.Context, f Filter) ([]Row, error) {
	return ws.status(ctx, f, true)
}

// Rows returns what Status does without the detail of every segment:
// for the articles none of whose files changed since they were last read,
// from the index, which makes it cheap on a large archive.
func (ws *Workspace) Rows(ctx context.Context, f Filter) ([]Row, error) {
	rows, err := ws.status(ctx, f, false)
	ws.saveIndex()
	return rows, err
}

func (ws *Workspace) status(ctx context.Context, f Filter, detail bool) ([]Row, error) {
	slugs := f.Articles
	if len(slugs) == 0 {
		var err error
		if slugs, err = ws.Slugs(); err != nil {
			return nil, err
		}
	}
	var rows []Row
	var valid map[string]*indexEntry
	if !detail && ws.dir != nil {
		valid = ws.entries(slugs)
	}
	for n, slug := range slugs {
		ws.progress(n, len(slugs))
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !detail {
			if e := valid[slug]; e != nil && e.Counts != nil {
				for _, r := range e.rows(slug) {
					if f.hasLang(language.Make(r.Lang)) {
						rows = append(rows, r)
					}
				}
				continue
			}
		}
		files, at := ws.stamps(ws.articleFiles(slug))
		st, err := ws.articleState(slug)
		if err != nil {
			return nil, err
		}
		var all []Row
		for _, tag := range ws.Langs {
			if tag == st.src.art.Lang || (detail && !f.hasLang(tag)) {
				continue
			}
			row, err := ws.statusRow(st, tag)
			if err != nil {
				return nil, err
			}
			if !detail {
				row.Detail = nil
			}
			all = append(all, row)
			if f.hasLang(tag) {
				rows = append(rows, row)
			}
		}
		if !detail {
			ws.remember(slug, files, at, func(e *indexEntry) { e.setRows(all) })
		}
	}
	ws.progress(len(slugs), len(slugs))
	return rows, nil
}

// articleState is an article with the IDs its source catalog gives it.
type articleState struct {
	// restored counts the translations a sync took from the memory.
	restored  int
	slug      string
	src       *source
	units     []Unit
	outOfDate bool
}

// articleState reads an article and its source catalog. The units are the
// catalog's, in the sidecar's order; outOfDate says whether the article's
// text differs from them (sync has not run since the last edit).
func (ws *Workspace) articleState(slug string) (*articleState, error) {
	src, err := ws.readArticle(slug)
	if err != nil {
		return nil, err
	}
	tag := src.art.Lang
	p := ws.CatalogPath(slug, tag)
	cat, err := ws.loadArticleCatalog(slug, tag)
	if err != nil {
		return nil, err
	}
	if cat == nil {
		return nil, fmt.Errorf("%s: no source catalog for %s: run tilmash sync", p, ws.ArticlePath(slug))
	}
	meta, err := ws.loadMeta(ws.MetaPath(slug, tag))
	if err != nil {
		return nil, err
	}
	old := oldSegments(cat, meta)
	st := &articleState{slug: slug, src: src}
	texts := src.bodyTexts()
	res := track.Assign(old, texts, tag, headIDs...)
	ids := make([]string, len(res))
	for i, r := range res {
		ids[i] = r.ID
		if r.Match != track.Same {
			st.outOfDate = true
		}
	}
	if len(old) != len(texts) {
		st.outOfDate = true
	}
	head := src.head()
	for _, u := range head {
		if t, ok := cat.Lookup(u.ID); !ok || t.Other != u.Text {
			st.outOfDate = true
		}
	}
	for _, id := range headIDs[len(head):] {
		if _, ok := cat.Lookup(id); ok && !hasUnit(head, id) {
			st.outOfDate = true // a description or summary removed
		}
	}
	if st.outOfDate {
		// Report on what the catalogs hold; sync brings them up to date.
		st.units = []Unit{{ID: TitleID, Kind: "title", Index: -1}}
		if t, ok := cat.Lookup(TitleID); ok {
			st.units[0].Text = t.Other
		}
		for _, id := range headIDs[1:] {
			if t, ok := cat.Lookup(id); ok {
				st.units = append(st.units, Unit{ID: id, Text: t.Other, Kind: strings.TrimPrefix(id, "meta-"), Index: -1})
			}
		}
		for _, o := range old {
			st.units = append(st.units, Unit{ID: o.ID, Text: o.Text, Kind: "segment", Index: -1})
		}
		return st, nil
	}
	st.units = src.units(ids)
	return st, nil
}

// hasUnit reports whether units has one with the ID.
func hasUnit(units []Unit, id string) bool {
	for _, u := range units {
		if u.ID == id {
			return true
		}
	}
	return false
}

// segmentStates returns the state of every unit in a target language. A
// derived language's are its base's, the translations transliterated.
func (ws *Workspace) segmentStates(st *articleState, tag language.Tag) ([]SegmentStatus, error) {
	if base, ok := ws.DerivedFrom(tag); ok {
		fixed, err := ws.fixedForms(base, tag)
		if err != nil {
			return nil, err
		}
		if base == st.src.art.Lang { // the article itself, transliterated
			states := sourceStates(st)
			for i := range states {
				states[i].Translation = fixed(states[i].Translation)
			}
			return states, nil
		}
		states, err := ws.segmentStates(st, base)
		if err != nil {
			return nil, err
		}
		for i := range states {
			states[i].Translation = fixed(translit.Kazakh(states[i].Translation))
			states[i].Conflict = fixed(translit.Kazakh(states[i].Conflict))
		}
		return states, nil
	}
	f, err := ws.loadArticleCatalog(st.slug, tag)
	if err != nil {
		return nil, err
	}
	return ws.segmentStatesIn(st, tag, f)
}

// segmentStatesIn is segmentStates with the message file of the language
// read (nil when there is none).
func (ws *Workspace) segmentStatesIn(st *articleState, tag language.Tag, f *catalog.File) ([]SegmentStatus, error) {
	meta, err := ws.loadMeta(ws.MetaPath(st.slug, tag))
	if err != nil {
		return nil, err
	}
	lookup := func(id string) (catalog.Message, bool) {
		if f == nil {
			return catalog.Message{}, false
		}
		return f.Lookup(id)
	}
	return statesOf(st.units, lookup, meta), nil
}

// statesOf judges every unit, given its message in the target language
// and the target's sidecar.
func statesOf(units []Unit, lookup func(id string) (catalog.Message, bool), meta *catalog.Meta) []SegmentStatus {
	out := make([]SegmentStatus, 0, len(units))
	for _, u := range units {
		s := SegmentStatus{ID: u.ID, Source: u.Text, Words: CountWords(u.Text), Line: u.Line, State: Missing}
		m, ok := lookup(u.ID)
		sm := meta.Segments[u.ID]
		j := judge(u.Text, m, ok, sm)
		s.State = j.State
		if j.State != Missing {
			s.Translation = m.Other
		}
		if j.State == Stale {
			s.Previous = sm.Previous
		}
		if sm.Conflict != nil {
			s.Conflict = sm.Conflict.Text
		}
		out = append(out, s)
	}
	return out
}

func (ws *Workspace) statusRow(st *articleState, tag language.Tag) (Row, error) {
	detail, err := ws.segmentStates(st, tag)
	if err != nil {
		return Row{}, err
	}
	row := rowOf(st, tag, detail)
	if base, ok := ws.DerivedFrom(tag); ok {
		row.DerivedFrom = base.String()
	}
	return row, nil
}

// rowOf counts the states of an article's segments in a language.
func rowOf(st *articleState, tag language.Tag, detail []SegmentStatus) Row {
	row := Row{
		Article: st.slug, Title: st.src.art.Title, Lang: tag.String(), Source: st.src.art.Lang.String(),
		Segments: len(detail), OutOfDate: st.outOfDate, Detail: detail,
	}
	for _, s := range detail {
		row.Words += s.Words
		switch s.State {
		case Missing:
			row.Missing++
			row.WordsPending += s.Words
		case Stale:
			row.Stale++
			row.WordsPending += s.Words
		case Translated:
			row.Translated++
		case Reviewed:
			row.Reviewed++
		}
		if s.Conflict != "" {
			row.Conflicts++
		}
	}
	if row.Segments > 0 {
		row.Percent = 100 * float64(row.Translated+row.Reviewed) / float64(row.Segments)
	}
	return row
}

// CountWords counts the words of a segment text as translation tools do
// (and translators are paid): runs of text between white space that hold a
// letter or a digit, so "U.S.", "54,4", "İstanbul'da" and an e-mail address
// are one word each, and a dash alone is none. Placeholders are left out.
func CountWords(text string) int {
	var sb strings.Builder
	for _, t := range segment.Tokenize(text) {
		switch t.Kind {
		case segment.TokenText:
			sb.WriteString(t.Text)
		case segment.TokenStandalone:
			sb.WriteByte(' ')
		}
	}
	n := 0
	for _, f := range strings.Fields(sb.String()) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// sourceStates are the states of a language derived from the article's own
// language: every segment translated, by transliteration of its source.
func sourceStates(st *articleState) []SegmentStatus {
	out := make([]SegmentStatus, 0, len(st.units))
	for _, u := range st.units {
		out = append(out, SegmentStatus{ID: u.ID, Source: u.Text, Words: CountWords(u.Text), Line: u.Line, State: Translated, Translation: translit.Kazakh(u.Text)})
	}
	return out
}

// fixedForms returns what puts the forms the glossary fixes for a derived
// language in place of the transliteration of its base's forms: a name
// the newsroom writes its own way in Latin letters keeps that way, in its
// inflected forms too (the transliterated base form is replaced wherever
// it stands, endings kept).
func (ws *Workspace) fixedForms(base, tag language.Tag) (func(string) string, error) {
	if ws.fixes == nil {
		ws.fixes = map[language.Tag]*strings.Replacer{}
	}
	if r, ok := ws.fixes[tag]; ok {
		return r.Replace, nil
	}
	q, err := ws.qaRules()
	if err != nil {
		return nil, err
	}
	var pairs []string
	if q.glossary != nil {
		type fix struct{ from, to string }
		var fixes []fix
		for _, term := range q.glossary.Terms {
			b, d := term.Langs[base], term.Langs[tag]
			if b == nil || d == nil || b.Form == "" || d.Form == "" {
				continue
			}
			if from := translit.Kazakh(b.Form); from != d.Form {
				fixes = append(fixes, fix{from, d.Form})
			}
		}
		// longer forms first, so that a name is not cut by a shorter one
		sort.SliceStable(fixes, func(i, j int) bool { return len(fixes[i].from) > len(fixes[j].from) })
		for _, f := range fixes {
			pairs = append(pairs, f.from, f.to)
		}
	}
	r := strings.NewReplacer(pairs...)
	ws.fixes[tag] = r
	return r.Replace, nil
}
