package workflow

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/track"
)

// SyncReport says what a sync found in one article.
type SyncReport struct {
	Article  string `json:"article"`
	Segments int    `json:"segments"`
	Same     int    `json:"same"`
	Edited   int    `json:"edited"`
	New      int    `json:"new"`
	Removed  int    `json:"removed"`
	// RenamedFrom is the article's old name, when sync found its catalogs
	// under it.
	RenamedFrom string `json:"renamed_from,omitempty"`
	// Warnings are things in the article that were read but were probably
	// not meant, each "file:line: what and how to fix it".
	Warnings []string `json:"warnings,omitempty"`
	// Restored counts the translations sync took back from the memory:
	// segments whose exact text the article had before.
	Restored int `json:"restored,omitempty"`
}

// Sync re-segments the given articles (all when slugs is empty) and returns
// the files to write: source catalogs with the current text of every
// segment, target catalogs with translations carried over (unchanged text
// keeps its translation; edited text keeps it, now stale, with the previous
// source in the sidecar; removed segments leave, their translations going to
// the translation memory), and the sidecars. Apply the plan to write it.
func (ws *Workspace) Sync(ctx context.Context, slugs []string) (*Plan, []SyncReport, error) {
	if len(slugs) == 0 {
		var err error
		if slugs, err = ws.Slugs(); err != nil {
			return nil, nil, err
		}
	}
	plan := &Plan{}
	memories := map[language.Tag]*catalog.Memory{}
	var reports []SyncReport
	var bad ArticleErrors
	ren := newRenames(ws)
	var valid map[string]*indexEntry
	if ws.dir != nil {
		valid = ws.entries(slugs)
	}
	ws.synced, ws.exact = nil, nil
	for n, slug := range slugs {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if e := valid[slug]; e != nil && e.Synced {
			// Neither the article nor its files changed since they were
			// last synced: nothing to do.
			reports = append(reports, SyncReport{Article: slug, Segments: e.Segments, Same: e.Segments})
			ws.progress(n+1, len(slugs))
			continue
		}
		before := len(plan.Changes)
		r, err := ws.syncArticle(slug, plan, memories, ren)
		if err != nil {
			// The others are synced all the same; this one's changes go.
			plan.Changes = plan.Changes[:before]
			plan.index = nil
			bad = append(bad, err)
			continue
		}
		reports = append(reports, r)
		ws.progress(n+1, len(slugs))
	}
	for _, tag := range ws.Langs {
		m, ok := memories[tag]
		if !ok {
			continue
		}
		data, err := m.Marshal()
		if err != nil {
			return nil, nil, err
		}
		plan.write(ws.MemoryPath(tag), data)
	}
	plan.sort()
	if len(bad) > 0 {
		return plan, reports, bad
	}
	return plan, reports, nil
}

// ArticleErrors lists the articles an operation could not read, each with
// the file, the line and what to do; the other articles were done.
type ArticleErrors []error

func (e ArticleErrors) Error() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d %s could not be read:", len(e), plural(len(e), "article", "articles"))
	for _, err := range e {
		sb.WriteString("\n  " + err.Error())
	}
	return sb.String()
}

func (ws *Workspace) syncArticle(slug string, plan *Plan, memories map[language.Tag]*catalog.Memory, ren *renames) (SyncReport, error) {
	rep := SyncReport{Article: slug}
	src, err := ws.readArticle(slug)
	if err != nil {
		return rep, err
	}
	rep.Warnings = src.warnings(ws.ArticlePath(slug))
	srcLang := src.art.Lang
	srcPath := ws.CatalogPath(slug, srcLang)
	oldSrc, err := ws.loadArticleCatalog(slug, srcLang)
	if err != nil {
		return rep, err
	}
	// from is the slug the catalogs were written for: the article's own, or
	// its old name when it was renamed since the last sync.
	from := slug
	if oldSrc == nil {
		if from, oldSrc, err = ren.renamedFrom(slug, src); err != nil {
			return rep, err
		}
		if from != slug {
			rep.RenamedFrom = from
			for _, tag := range ws.Langs {
				plan.remove(ws.CatalogPath(from, tag))
				plan.remove(ws.MetaPath(from, tag))
			}
		}
	}
	srcMetaPath := ws.MetaPath(slug, srcLang)
	oldMeta, err := ws.loadMeta(ws.MetaPath(from, srcLang))
	if err != nil {
		return rep, err
	}

	// IDs: carried over where the text is the same or edited, fresh otherwise.
	old := oldSegments(oldSrc, oldMeta)
	oldText := map[string]string{}
	if oldSrc != nil {
		for _, m := range oldSrc.Messages {
			oldText[m.ID] = m.Other
		}
	}
	texts := src.bodyTexts()
	results := track.Assign(old, texts, srcLang, headIDs...)
	ids := make([]string, len(results))
	for i, r := range results {
		ids[i] = r.ID
		switch r.Match {
		case track.Same:
			rep.Same++
		case track.Edited:
			rep.Edited++
		default:
			rep.New++
		}
	}
	for _, u := range src.head() {
		switch oldHead, ok := oldText[u.ID]; {
		case !ok:
			rep.New++
		case oldHead == u.Text:
			rep.Same++
		default:
			rep.Edited++
		}
	}
	units := src.units(ids)
	rep.Segments = len(units)
	current := map[string]string{}
	for _, u := range units {
		current[u.ID] = u.Text
	}
	for id := range oldText {
		if _, ok := current[id]; !ok && id != TitleID {
			rep.Removed++
		}
	}

	// The source catalog and its sidecar.
	var msgs []catalog.Message
	order := make([]string, 0, len(units))
	for _, u := range units {
		msgs = append(msgs, catalog.Message{ID: u.ID, Other: u.Text})
		order = append(order, u.ID)
	}
	header := fmt.Sprintf("Source texts of %s (%s), one message per segment.\nWritten by tilmash sync: edit the article, not this file.", ws.ArticlePath(slug), srcLang)
	data, err := catalog.MarshalNested(header, slug, msgs)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", srcPath, err)
	}
	plan.write(srcPath, data)
	if data, err = (&catalog.Meta{Order: order}).Marshal(); err != nil {
		return rep, err
	}
	plan.write(srcMetaPath, data)

	// Every target language.
	st := &articleState{slug: slug, src: src, units: units}
	var rows []Row
	for _, tag := range ws.Langs {
		if tag == srcLang {
			continue
		}
		if _, derived := ws.DerivedFrom(tag); derived {
			row, err := ws.statusRowDerived(st, tag, rows)
			if err != nil {
				return rep, err
			}
			rows = append(rows, row)
			continue // made from its base: no message files of its own
		}
		row, err := ws.syncTarget(st, from, tag, oldText, plan, memories)
		if err != nil {
			return rep, err
		}
		rows = append(rows, row)
	}
	rep.Restored = st.restored
	ws.synced = append(ws.synced, syncedArticle{name: slug, segments: len(units), rows: rows})
	return rep, nil
}

// exactMatch finds in a language's translation memory the translation of
// exactly this text in this article, when there is one and only one.
func (ws *Workspace) exactMatch(plan *Plan, tag language.Tag, memories map[language.Tag]*catalog.Memory, article, text string) (string, bool, error) {
	if ws.exact == nil {
		ws.exact = map[language.Tag]map[[2]string]string{}
	}
	idx, ok := ws.exact[tag]
	if !ok {
		data, err := ws.readFile(ws.MemoryPath(tag))
		if err != nil {
			return "", false, err
		}
		idx = map[[2]string]string{}
		if data != nil {
			mem, err := ws.plannedMemory(plan, tag, memories)
			if err != nil {
				return "", false, err
			}
			for _, e := range mem.Entries {
				if e.Origin != "" || e.Source == "" {
					continue // imported suggestions are never taken as translations
				}
				k := [2]string{e.Article, e.Source}
				if old, seen := idx[k]; seen && old != e.Translation {
					idx[k] = "" // two translations: not exact
				} else if !seen {
					idx[k] = e.Translation
				}
			}
		}
		ws.exact[tag] = idx
	}
	t := idx[[2]string{article, text}]
	return t, t != "", nil
}

// syncedArticle is what a sync knows of an article once its plan is
// written: the index keeps it (see Apply).
type syncedArticle struct {
	name     string
	segments int
	rows     []Row
}

// syncTarget carries the translations of one language over to the
// article's segments, and returns the article's status in the language.
func (ws *Workspace) syncTarget(st *articleState, from string, tag language.Tag, oldText map[string]string, plan *Plan, memories map[language.Tag]*catalog.Memory) (Row, error) {
	slug, units := st.slug, st.units
	p := ws.CatalogPath(slug, tag)
	f, err := ws.loadArticleCatalog(from, tag)
	if err != nil {
		return Row{}, err
	}
	metaPath := ws.MetaPath(slug, tag)
	meta, err := ws.loadMeta(ws.MetaPath(from, tag))
	if err != nil {
		return Row{}, err
	}
	have := map[string]catalog.Message{}
	if f != nil {
		for _, m := range f.Messages {
			have[m.ID] = m
		}
	}
	newMeta := &catalog.Meta{Segments: map[string]catalog.SegmentMeta{}}
	var msgs []catalog.Message
	for _, u := range units {
		m, ok := have[u.ID]
		delete(have, u.ID)
		if !ok || m.Empty() {
			// A segment whose exact text the article had before (a
			// paragraph deleted and restored) gets its translation back
			// from the memory.
			t, found, err := ws.exactMatch(plan, tag, memories, slug, u.Text)
			if err != nil {
				return Row{}, err
			}
			if !found {
				continue
			}
			m = catalog.Message{ID: u.ID, Hash: catalog.Hash("", u.Text), Other: t}
			sm := meta.Segments[u.ID]
			sm.Record(catalog.Version{Text: t, Source: u.Text, Via: "memory"})
			newMeta.Segments[u.ID] = sm
			msgs = append(msgs, m)
			st.restored++
			continue
		}
		hash := catalog.Hash("", u.Text)
		if m.Hash == "" && m.Other != u.Text {
			// a translation written without a hash is taken as made from
			// the current source; one still equal to it is no translation
			m.Hash = hash
		}
		sm := meta.Segments[u.ID]
		switch {
		case m.Hash == hash:
			sm.Previous = ""
		case sm.Previous != "" && catalog.Hash("", sm.Previous) == m.Hash:
			// still stale from an earlier edit: keep what it was made from
		case catalog.Hash("", oldText[u.ID]) == m.Hash:
			sm.Previous = oldText[u.ID]
		}
		if !sm.Empty() {
			newMeta.Segments[u.ID] = sm
		}
		msgs = append(msgs, m)
	}
	// Translations of removed segments, and the versions their history
	// keeps, go to the translation memory.
	for id, m := range have {
		if m.Empty() {
			continue
		}
		mem, err := ws.plannedMemory(plan, tag, memories)
		if err != nil {
			return Row{}, err
		}
		sm := meta.Segments[id]
		for _, v := range sm.History {
			mem.Add(catalog.MemoryEntry{Article: slug, ID: id, Source: v.Source, Translation: v.Text})
		}
		mem.Add(catalog.MemoryEntry{Article: slug, ID: id, Source: madeFor(m.Hash, oldText[id], sm), Translation: m.Other})
	}
	name := display.English.Languages().Name(tag)
	header := fmt.Sprintf("%s translations of %s, one message per segment.\nhash is goi18n's hash of the source text each translation was made from.", name, ws.ArticlePath(slug))
	data, err := catalog.MarshalNested(header, slug, msgs)
	if err != nil {
		return Row{}, fmt.Errorf("%s: %w", p, err)
	}
	plan.write(p, data)
	if data, err = newMeta.Marshal(); err != nil {
		return Row{}, err
	}
	if data == nil {
		if !meta.IsEmpty() {
			plan.remove(metaPath)
		}
	} else {
		plan.write(metaPath, data)
	}
	byID := make(map[string]catalog.Message, len(msgs))
	for _, m := range msgs {
		byID[m.ID] = m
	}
	lookup := func(id string) (catalog.Message, bool) { m, ok := byID[id]; return m, ok }
	row := rowOf(st, tag, statesOf(units, lookup, newMeta))
	row.Detail = nil
	return row, nil
}

// Apply writes a plan with w, whole or not at all. Hold the exclusive lock.
// After a sync's plan, the index learns which articles are in sync.
func (ws *Workspace) Apply(ctx context.Context, w Writer, plan *Plan) error {
	if err := w.Apply(ctx, ws.Root, plan.Changes); err != nil {
		return err
	}
	for _, a := range ws.synced {
		files, at := ws.stamps(ws.articleFiles(a.name))
		ws.remember(a.name, files, at, func(e *indexEntry) {
			e.Synced, e.Segments = true, a.segments
			e.setRows(a.rows)
		})
	}
	ws.synced = nil
	ws.stillSynced(plan)
	ws.saveIndex()
	return nil
}

// renames finds the catalogs of renamed articles: source catalogs whose
// article is gone, indexed once per sync by their texts, so that looking
// for every new article's old name costs as much as its own texts.
type renames struct {
	ws *Workspace
	// byLang holds, per source language, the orphaned catalogs and which
	// of them have each text.
	byLang map[language.Tag]*orphans
	// taken marks the old names already given to an article.
	taken map[string]bool
}

type orphans struct {
	files  map[string]*catalog.File
	byText map[string][]string
}

func newRenames(ws *Workspace) *renames {
	return &renames{ws: ws, byLang: map[language.Tag]*orphans{}, taken: map[string]bool{}}
}

func (r *renames) of(tag language.Tag) (*orphans, error) {
	if o, ok := r.byLang[tag]; ok {
		return o, nil
	}
	o := &orphans{files: map[string]*catalog.File{}, byText: map[string][]string{}}
	r.byLang[tag] = o
	names, err := r.ws.catalogNames(tag)
	if err != nil {
		return nil, err
	}
	slugs, err := r.ws.Slugs()
	if err != nil {
		return nil, err
	}
	live := make(map[string]bool, len(slugs))
	for _, s := range slugs {
		live[s] = true
	}
	for _, name := range names {
		if live[name] {
			continue
		}
		f, err := r.ws.loadArticleCatalog(name, tag)
		if err != nil {
			return nil, err
		}
		if f == nil {
			continue
		}
		o.files[name] = f
		seen := map[string]bool{}
		for _, m := range f.Messages {
			if !seen[m.Other] {
				seen[m.Other] = true
				o.byText[m.Other] = append(o.byText[m.Other], name)
			}
		}
	}
	return o, nil
}

// renamedFrom looks for the catalogs of an article that has none under its
// own name: source catalogs whose article is gone, holding at least half of
// the article's segment texts. It returns the article's own slug and nil
// when there is none.
func (r *renames) renamedFrom(slug string, src *source) (string, *catalog.File, error) {
	o, err := r.of(src.art.Lang)
	if err != nil || len(o.files) == 0 {
		return slug, nil, err
	}
	texts := src.texts()
	count := map[string]int{}
	for _, t := range texts {
		for _, name := range o.byText[t] {
			count[name]++
		}
	}
	best, bestScore := slug, 0.5
	var bestFile *catalog.File
	names := make([]string, 0, len(count))
	for name := range count {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if r.taken[name] {
			continue
		}
		if score := float64(count[name]) / float64(len(texts)); score >= bestScore {
			best, bestScore, bestFile = name, score, o.files[name]
		}
	}
	if bestFile != nil {
		r.taken[best] = true
	}
	return best, bestFile, nil
}

// statusRowDerived returns a derived language's status row from its base's
// among rows (synced before it), or nil when the base comes later.
func (ws *Workspace) statusRowDerived(st *articleState, tag language.Tag, rows []Row) (Row, error) {
	base, _ := ws.DerivedFrom(tag)
	if base == st.src.art.Lang {
		row := rowOf(st, tag, sourceStates(st))
		row.Detail, row.DerivedFrom = nil, base.String()
		return row, nil
	}
	for _, r := range rows {
		if r.Lang == base.String() {
			r.Lang, r.DerivedFrom = tag.String(), base.String()
			return r, nil
		}
	}
	return Row{}, fmt.Errorf("languages in %s: list %s before %s, which is made from it", ConfigFile, base, tag)
}
