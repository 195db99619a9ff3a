package workflow

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/exchange/tmx"
)

// This file trades the translation memory with CAT tools as TMX: export
// writes every current and every remembered translation, import brings a
// TMX's units into the memory files as suggestions.

// The properties tilmash gives TMX units and variants.
const (
	tmxArticle = "x-tilmash-article" // the article of the segment
	tmxSegment = "x-tilmash-segment" // the segment's ID
	tmxKept    = "x-tilmash-kept"    // where a remembered translation is kept: history, conflict, stale, memory
	tmxState   = "x-tilmash-state"   // the state of a current translation: translated or reviewed
	tmxVia     = "x-tilmash-via"     // how a translation came: push, review, merge…
	tmxOrigin  = "x-tilmash-origin"  // where an imported entry came from
)

// MemoryExportOptions say what a TMX export holds.
type MemoryExportOptions struct {
	// Langs are the target languages; empty means all.
	Langs []language.Tag
}

// MemoryExport counts what an export wrote.
type MemoryExport struct {
	// Units counts the TMX units; Current and Remembered the translations
	// in them that are current and that are remembered.
	Units      int `json:"units"`
	Current    int `json:"current"`
	Remembered int `json:"remembered"`
	// Unsourced counts remembered translations left out because the
	// source text they were made for is not known: a TMX unit needs it.
	Unsourced int `json:"unsourced"`
}

// kept is a remembered translation on its way into a TMX unit.
type kept struct {
	src         language.Tag
	source      string
	lang        language.Tag
	text        string
	kind        string // history, conflict, stale, memory
	article, id string
	by, on, via string
	origin      string
	rank        int // of kind: the first of equal translations is written
}

var keptRank = map[string]int{"history": 0, "conflict": 1, "stale": 2, "memory": 3}

// tmKey identifies a translation in a TMX export: a source text in its
// language, translated into a language.
type tmKey struct {
	src    language.Tag
	source string
	lang   language.Tag
	text   string
}

// ExportMemory writes the translation memory of the workspace to w as TMX
// 1.4: a unit per segment with its source text and each target
// language's current translation (translated or reviewed), in the order
// of the articles and their segments; then a unit per remembered
// translation (the versions the sidecars' histories keep, open
// conflicts, stale translations, the memory files), sorted by source
// text, each once. Placeholders become TMX inline codes. The output has
// no timestamp but the dates the histories record.
func (ws *Workspace) ExportMemory(ctx context.Context, w io.Writer, opts MemoryExportOptions) (MemoryExport, error) {
	var res MemoryExport
	want := func(tag language.Tag) bool {
		return len(opts.Langs) == 0 || slices.Contains(opts.Langs, tag)
	}
	slugs, err := ws.Slugs()
	if err != nil {
		return res, err
	}
	doc := &tmx.Document{}
	seen := map[tmKey]bool{}
	var rest []kept
	srcOf := map[string]language.Tag{}
	for n, slug := range slugs {
		ws.progress(n, len(slugs))
		if err := ctx.Err(); err != nil {
			return res, err
		}
		st, err := ws.articleState(slug)
		if err != nil {
			return res, err
		}
		src := st.src.art.Lang
		srcOf[slug] = src
		units := make([]tmx.Unit, len(st.units))
		for i, u := range st.units {
			units[i] = tmx.Unit{
				ID: slug + "/" + u.ID, SrcLang: src.String(),
				Props:    []tmx.Prop{{Type: tmxArticle, Value: slug}, {Type: tmxSegment, Value: u.ID}},
				Variants: []tmx.Variant{{Lang: src.String(), Text: u.Text}},
			}
		}
		for _, tag := range ws.Langs {
			if tag == src || !want(tag) {
				continue
			}
			states, err := ws.segmentStates(st, tag)
			if err != nil {
				return res, err
			}
			meta, err := ws.loadMeta(ws.MetaPath(slug, tag))
			if err != nil {
				return res, err
			}
			for i, s := range states {
				sm := meta.Segments[s.ID]
				k := kept{src: src, lang: tag, article: slug, id: s.ID}
				switch s.State {
				case Translated, Reviewed:
					v := tmx.Variant{Lang: tag.String(), Text: s.Translation}
					if n := len(sm.History); n > 0 && sm.History[n-1].Text == s.Translation && sm.History[n-1].Source == s.Source {
						setVersion(&v, sm.History[n-1])
					}
					v.Props = append([]tmx.Prop{{Type: tmxState, Value: string(s.State)}}, v.Props...)
					units[i].Variants = append(units[i].Variants, v)
					seen[tmKey{src, s.Source, tag, s.Translation}] = true
					res.Current++
				case Stale:
					k.kind, k.source, k.text = "stale", s.Previous, s.Translation
					rest = append(rest, k)
				}
				for _, v := range sm.History {
					k.kind, k.source, k.text, k.by, k.on, k.via = "history", v.Source, v.Text, v.By, v.On, v.Via
					rest = append(rest, k)
				}
				if c := sm.Conflict; c != nil {
					k.kind, k.source, k.text, k.by, k.on, k.via = "conflict", c.Source, c.Text, c.By, c.On, c.Via
					rest = append(rest, k)
				}
			}
		}
		for _, u := range units {
			if len(u.Variants) > 1 {
				doc.Units = append(doc.Units, u)
			}
		}
	}
	ws.progress(len(slugs), len(slugs))
	for _, tag := range ws.Langs {
		if !want(tag) {
			continue
		}
		p := ws.MemoryPath(tag)
		data, err := ws.readFile(p)
		if err != nil || data == nil {
			if err != nil {
				return res, err
			}
			continue
		}
		mem, err := catalog.ParseMemory(p, data)
		if err != nil {
			return res, err
		}
		for _, e := range mem.Entries {
			src, ok := srcOf[e.Article]
			if !ok {
				src = ws.SourceLang() // imported, or of an article since removed
			}
			if src == tag {
				continue
			}
			rest = append(rest, kept{src: src, source: e.Source, lang: tag, text: e.Translation, kind: "memory", article: e.Article, id: e.ID, origin: e.Origin})
		}
	}
	for i := range rest {
		k := &rest[i]
		k.rank = keptRank[k.kind]
	}
	slices.SortFunc(rest, func(a, b kept) int {
		return cmp.Or(
			cmp.Compare(a.source, b.source), cmp.Compare(a.src.String(), b.src.String()),
			cmp.Compare(a.lang.String(), b.lang.String()), cmp.Compare(a.text, b.text),
			cmp.Compare(a.rank, b.rank), cmp.Compare(a.article, b.article), cmp.Compare(a.id, b.id),
			cmp.Compare(a.on, b.on), cmp.Compare(a.by, b.by), cmp.Compare(a.via, b.via), cmp.Compare(a.origin, b.origin),
		)
	})
	for _, k := range rest {
		key := tmKey{k.src, k.source, k.lang, k.text}
		switch {
		case k.text == "" || seen[key]:
			continue
		case k.source == "":
			res.Unsourced++
			continue
		}
		seen[key] = true
		u := tmx.Unit{SrcLang: k.src.String()}
		if k.article != "" {
			u.Props = append(u.Props, tmx.Prop{Type: tmxArticle, Value: k.article}, tmx.Prop{Type: tmxSegment, Value: k.id})
		}
		u.Props = append(u.Props, tmx.Prop{Type: tmxKept, Value: k.kind})
		v := tmx.Variant{Lang: k.lang.String(), Text: k.text}
		setVersion(&v, catalog.Version{By: k.by, On: k.on, Via: k.via})
		if k.origin != "" {
			v.Props = append(v.Props, tmx.Prop{Type: tmxOrigin, Value: k.origin})
		}
		u.Variants = []tmx.Variant{{Lang: k.src.String(), Text: k.source}, v}
		doc.Units = append(doc.Units, u)
		res.Remembered++
	}
	res.Units = len(doc.Units)
	if err := tmx.Write(w, doc); err != nil {
		return res, fmt.Errorf("writing TMX: %w: fix the text in its message file or memory", err)
	}
	return res, nil
}

// setVersion gives a variant the date, author and way of a version.
func setVersion(v *tmx.Variant, ver catalog.Version) {
	if t, err := time.Parse(time.RFC3339, ver.On); err == nil {
		v.Changed = t.UTC().Truncate(time.Second)
	}
	v.ChangedBy = ver.By
	if ver.Via != "" {
		v.Props = append(v.Props, tmx.Prop{Type: tmxVia, Value: ver.Via})
	}
}

// MemoryImportOptions say what to import.
type MemoryImportOptions struct {
	// Name is the TMX file's name, for errors and as the origin of the
	// entries; Data its content.
	Name string
	Data []byte
}

// MemoryImport says what an import did.
type MemoryImport struct {
	// Origin is the origin the entries were given.
	Origin string `json:"origin"`
	// Langs holds, per target language that the TMX has, how many
	// translations were added to its memory and how many the workspace
	// already had (current or remembered).
	Langs []MemoryImportLang `json:"langs"`
	// Skipped counts the units left out: no text in a source language of
	// the workspace's articles, or none in another of its languages.
	Skipped int `json:"skipped"`
}

// MemoryImportLang counts an import's translations into one language.
type MemoryImportLang struct {
	Lang  string `json:"lang"`
	Added int    `json:"added"`
	Known int    `json:"known"`
}

// ImportMemory plans to add the units of a TMX document (TMX 1.4, as CAT
// tools and Translate Toolkit's po2tmx write it) to the translation
// memories of its target languages, as suggestions with their origin
// (the file's name and the tool that wrote it): never as current
// translations. A unit's source is its variant in its source language
// (the unit's srclang, else the header's, else the first of its
// variants in a language the articles are written in); each variant in
// another language of the workspace is a translation of it. Regional
// tags match their language (kk-KZ is kk). Translations the workspace has
// already, current or remembered, are not added again.
func (ws *Workspace) ImportMemory(ctx context.Context, opts MemoryImportOptions) (*Plan, MemoryImport, error) {
	res := MemoryImport{}
	doc, err := tmx.Read(opts.Data)
	if err != nil {
		var te *tmx.Error
		if errors.As(err, &te) {
			at := *te
			at.Line = 0 // said as name:line
			return nil, res, fmt.Errorf("%s:%d: %v: fix the file, or export it again from its tool", opts.Name, te.Line, &at)
		}
		return nil, res, fmt.Errorf("%s: %w", opts.Name, err)
	}
	res.Origin = path.Base(opts.Name)
	if tool := doc.CreationTool; tool != "" {
		res.Origin += ", " + tool
		if doc.CreationToolVersion != "" {
			res.Origin += " " + doc.CreationToolVersion
		}
	}
	slugs, err := ws.Slugs()
	if err != nil {
		return nil, res, err
	}
	sources := map[language.Tag]bool{ws.SourceLang(): true}
	for _, slug := range slugs {
		if err := ctx.Err(); err != nil {
			return nil, res, err
		}
		src, err := ws.readArticle(slug)
		if err != nil {
			return nil, res, err
		}
		sources[src.art.Lang] = true
	}
	match := func(s string) (language.Tag, bool) {
		tag, err := language.Parse(s)
		if err != nil {
			return language.Und, false
		}
		return ws.MatchLang(tag)
	}
	type pair struct{ source, text string }
	found := map[language.Tag][]pair{}
	for _, u := range doc.Units {
		srcLang := u.SrcLang
		if srcLang == "" {
			srcLang = doc.SrcLang
		}
		src, ok := match(srcLang)
		if !ok || !sources[src] {
			ok = false
			for _, v := range u.Variants {
				if tag, vok := match(v.Lang); vok && sources[tag] && v.Text != "" {
					src, ok = tag, true
					break
				}
			}
		}
		source := ""
		if ok {
			for _, v := range u.Variants {
				if tag, vok := match(v.Lang); vok && tag == src && v.Text != "" {
					source = v.Text
					break
				}
			}
		}
		n := 0
		for _, v := range u.Variants {
			tag, vok := match(v.Lang)
			if source == "" || !vok || tag == src || v.Text == "" {
				continue
			}
			found[tag] = append(found[tag], pair{source, v.Text})
			n++
		}
		if n == 0 {
			res.Skipped++
		}
	}
	plan := &Plan{}
	for _, tag := range ws.Langs {
		pairs := found[tag]
		if len(pairs) == 0 {
			continue
		}
		tm, err := ws.memoryIndex(ctx, tag, func(string, *articleState, error, []SegmentStatus) {})
		if err != nil {
			return nil, res, err
		}
		known := make(map[pair]bool, len(tm.entries))
		for _, e := range tm.entries {
			known[pair{e.Source, e.Translation}] = true
		}
		p := ws.MemoryPath(tag)
		mem := &catalog.Memory{}
		data, err := ws.readFile(p)
		if err != nil {
			return nil, res, err
		}
		if data != nil {
			if mem, err = catalog.ParseMemory(p, data); err != nil {
				return nil, res, err
			}
		}
		counts := MemoryImportLang{Lang: tag.String()}
		for _, pr := range pairs {
			if known[pr] {
				counts.Known++
				continue
			}
			known[pr] = true
			mem.Add(catalog.MemoryEntry{Source: pr.source, Translation: pr.text, Origin: res.Origin})
			counts.Added++
		}
		res.Langs = append(res.Langs, counts)
		if counts.Added == 0 {
			continue
		}
		out, err := mem.Marshal()
		if err != nil {
			return nil, res, fmt.Errorf("%s: %w", p, err)
		}
		if !bytes.Equal(out, data) {
			plan.put(p, out)
		}
	}
	plan.sort()
	return plan, res, nil
}
