package workflow

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/exchange/po"
	"github.com/tilmash/tilmash/workflow/exchange/xliff"
	"github.com/tilmash/tilmash/workflow/segment"
)

// PushOptions say who pushes, when, and how far a push may go.
type PushOptions struct {
	// By names who pushes: it goes into the history of every translation
	// written, and into approvals.
	By string
	On time.Time
	// Approve records approvals for XLIFF segments in state reviewed or
	// final; without it those states are only translations.
	Approve bool
	// Force applies entries that conflict with the workspace: translations
	// that changed since the pull, or translations made for an older
	// source over ones made for the current source. What they replace stays
	// in the history and the translation memory.
	Force bool
	// MaxSegment is the largest translation accepted, in bytes; 0 is no limit.
	MaxSegment int
}

// PushReport says what a push took from one file.
type PushReport struct {
	File   string `json:"file"`
	Format string `json:"format"`
	Lang   string `json:"lang"`
	// Accepted translations are current; Stale ones were made from a source
	// that has changed since the pull.
	Accepted int `json:"accepted"`
	Stale    int `json:"stale"`
	Reviewed int `json:"reviewed"`
	// Replaced counts translations the push replaced (they stay in the
	// history and the memory); Lapsed, the approvals that lapsed with them.
	Replaced int `json:"replaced"`
	Lapsed   int `json:"approvals_lapsed"`
	// Resolved counts open conflicts the push closed.
	Resolved int `json:"conflicts_resolved"`
	// Unchanged entries equal what the message files hold; Untranslated ones
	// (empty, or still the source text) are left alone.
	Unchanged    int `json:"unchanged"`
	Untranslated int `json:"untranslated"`
	// Ignored translations are there but marked unfinished: fuzzy PO
	// entries, XLIFF targets in state initial.
	Ignored int `json:"ignored"`
	// ApprovalsIgnored counts XLIFF segments in state reviewed or final
	// pushed without --approve: taken as translations only.
	ApprovalsIgnored int `json:"approvals_ignored"`
	// Conflicts are the entries not applied because the workspace holds a
	// translation they would wrongly replace.
	Conflicts []Conflict `json:"conflicts"`
}

// Conflict is an entry of a pushed file that meets a translation it must
// not silently replace.
type Conflict struct {
	Line    int    `json:"line,omitempty"`
	Article string `json:"article"`
	ID      string `json:"id"`
	Msg     string `json:"message"`
	// Current is the translation in the workspace; Pushed the file's.
	Current string `json:"current"`
	Pushed  string `json:"pushed"`
}

// Rejection is one entry a push refuses.
type Rejection struct {
	Line    int    `json:"line,omitempty"`
	Article string `json:"article,omitempty"`
	ID      string `json:"id,omitempty"`
	Msg     string `json:"message"`
}

// PushError lists every entry of a file that a push refuses; nothing of the
// file was written.
type PushError struct {
	File       string
	Rejections []Rejection
}

func (e *PushError) Error() string {
	var sb strings.Builder
	problems := "problems"
	if len(e.Rejections) == 1 {
		problems = "problem"
	}
	fmt.Fprintf(&sb, "%s: refused, nothing written (%d %s):", e.File, len(e.Rejections), problems)
	for _, r := range e.Rejections {
		sb.WriteString("\n  " + e.File)
		if r.Line > 0 {
			fmt.Fprintf(&sb, ":%d", r.Line)
		}
		sb.WriteString(": ")
		if r.ID != "" {
			fmt.Fprintf(&sb, "%s/%s: ", r.Article, r.ID)
		}
		sb.WriteString(r.Msg)
	}
	return sb.String()
}

// pushed is one translation read from a translator's file.
type pushed struct {
	line        int
	article, id string
	// source is the source text the translation was made from ("" when the
	// file does not say); sourceHash its hash.
	source, sourceHash string
	translation        string
	review             bool
	// srcLang is the source language the file says, or Und.
	srcLang language.Tag
	// base is what the pull says the segment's translation was when the
	// file was made: catalog.TextHash of it, or "none"; "" when the file
	// does not say.
	base string
}

// baseNone is the base of a segment that had no translation at the pull.
const baseNone = "none"

// baseOf returns the base a pull records for a segment's translation.
func baseOf(translation string) string {
	if translation == "" {
		return baseNone
	}
	return catalog.TextHash(translation)
}

// contextBase finds the base among a pulled entry's context lines
// ("base: …").
func contextBase(lines []string) string {
	for _, l := range lines {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "base: "); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Push validates a translator's file and returns the changes to merge it:
// all of it, or nothing and a *PushError naming every refused entry.
func (ws *Workspace) Push(ctx context.Context, name string, data []byte, opts PushOptions) (*Plan, *PushReport, error) {
	format := FormatOf(name, data)
	rep := &PushReport{File: name, Format: format}
	var lang language.Tag
	var entries []pushed
	var err error
	switch format {
	case FormatXLIFF:
		lang, entries, err = readXLIFF(data, rep)
	case FormatPO:
		lang, entries, err = readPO(data, rep)
	default:
		lang, entries, err = readTOML(name, data, rep)
	}
	if err != nil {
		return nil, nil, &PushError{File: name, Rejections: rejectionsOf(err)}
	}
	if m, ok := ws.MatchLang(lang); ok {
		lang = m
	}
	rep.Lang = lang.String()
	if named, ok := ws.langInName(name); ok && named != lang && format != FormatTOML {
		return nil, nil, &PushError{File: name, Rejections: []Rejection{{Msg: fmt.Sprintf("the file name says %s, but the file says its translations are in %s: rename the file or fix its language", named, lang)}}}
	}
	if base, ok := ws.DerivedFrom(lang); ok {
		return nil, nil, &PushError{File: name, Rejections: []Rejection{{Msg: derivedError(lang, base).Error()}}}
	}
	if !ws.HasLang(lang) {
		return nil, nil, &PushError{File: name, Rejections: []Rejection{{Msg: fmt.Sprintf("the file is for %s, which is not one of the workspace's languages (%s)", lang, strings.Join(ws.Config.Languages, ", "))}}}
	}
	plan, err := ws.pushEntries(ctx, name, format, lang, entries, opts, rep)
	if err != nil {
		return nil, nil, err
	}
	return plan, rep, nil
}

// SaveOptions name one translation of one segment saved on its own (by the
// workbench in the browser, or a script), with what it was based on.
type SaveOptions struct {
	PushOptions
	Article string
	Lang    language.Tag
	ID      string
	Text    string
	// Base is the translation the text was made from, as the segment
	// list gave it ("none" for a segment that had none); a save whose base
	// is not the segment's translation now is a conflict.
	Base string
}

// Save validates and merges one translation of the current source text of
// a segment, exactly as a push of a file with that one entry: the same
// refusals (a *PushError), the same conflicts (in the report), the same
// history.
func (ws *Workspace) Save(ctx context.Context, opts SaveOptions) (*Plan, *PushReport, error) {
	st, err := ws.articleState(opts.Article)
	if err != nil {
		return nil, nil, err
	}
	u, ok := st.unit(opts.ID)
	if !ok {
		return nil, nil, &PushError{File: opts.Article, Rejections: []Rejection{{Article: opts.Article, ID: opts.ID, Msg: fmt.Sprintf("unknown segment ID %q", opts.ID)}}}
	}
	rep := &PushReport{File: opts.Article, Format: "save", Lang: opts.Lang.String()}
	e := pushed{article: opts.Article, id: opts.ID, source: u.Text, translation: opts.Text, base: opts.Base}
	plan, err := ws.pushEntries(ctx, opts.Article, "save", opts.Lang, []pushed{e}, opts.PushOptions, rep)
	if err != nil {
		return nil, nil, err
	}
	return plan, rep, nil
}

// pushEntries checks pushed entries against the articles as they are now
// and merges them: all or nothing, every refused entry in a *PushError.
func (ws *Workspace) pushEntries(ctx context.Context, name, format string, lang language.Tag, entries []pushed, opts PushOptions, rep *PushReport) (*Plan, error) {
	var rejects []Rejection
	var err error
	states := map[string]*articleState{}
	byArticle := map[string][]pushed{}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		reject := func(format string, args ...any) {
			rejects = append(rejects, Rejection{Line: e.line, Article: e.article, ID: e.id, Msg: fmt.Sprintf(format, args...)})
		}
		st, ok := states[e.article]
		if !ok {
			st, err = ws.articleState(e.article)
			if err != nil {
				if _, e2 := ws.readArticle(e.article); e2 != nil {
					reject("unknown article %q: pull again, or check the file is for this workspace", e.article)
				} else {
					reject("%v", err)
				}
				states[e.article] = nil
				continue
			}
			if st.outOfDate {
				reject("%s changed since the last sync: run tilmash sync, then push", ws.ArticlePath(e.article))
			}
			states[e.article] = st
		}
		if st == nil {
			continue
		}
		if st.src.art.Lang == lang {
			reject("the article's source language is %s: translations into it make no sense", lang)
			continue
		}
		if m, ok := ws.MatchLang(e.srcLang); ok && e.srcLang != language.Und {
			e.srcLang = m
		}
		if e.srcLang != language.Und && e.srcLang != st.src.art.Lang {
			reject("the file says the source is in %s, but the article is written in %s: pull again for this article", e.srcLang, st.src.art.Lang)
			continue
		}
		u, ok := st.unit(e.id)
		if !ok {
			reject("unknown segment ID %q: it may have been removed from the article since the pull; pull again", e.id)
			continue
		}
		if format == FormatTOML && e.translation == u.Text {
			rep.Untranslated++ // still the source text, whatever its hash says
			continue
		}
		if strings.TrimSpace(e.translation) == "" {
			reject("the translation is empty: translate it, or leave the entry untranslated")
			continue
		}
		if err := checkText(e.translation, opts.MaxSegment); err != nil {
			reject("%v", err)
			continue
		}
		seg := segment.Segment{Text: u.Text}
		if u.Index >= 0 {
			seg = st.src.doc.Segments[u.Index]
		}
		if err := segment.CheckPlaceholders(seg, e.translation); err != nil {
			reject("placeholders: %v", err)
			continue
		}
		if e.source != "" {
			e.sourceHash = catalog.Hash("", e.source)
		}
		if e.sourceHash == "" {
			e.sourceHash = catalog.Hash("", u.Text)
		}
		byArticle[e.article] = append(byArticle[e.article], e)
	}
	if len(rejects) > 0 {
		sort.SliceStable(rejects, func(i, j int) bool { return rejects[i].Line < rejects[j].Line })
		return nil, &PushError{File: name, Rejections: rejects}
	}

	plan := &Plan{}
	slugs := make([]string, 0, len(byArticle))
	for slug := range byArticle {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	memories := map[language.Tag]*catalog.Memory{}
	for _, slug := range slugs {
		if err := ws.mergePushed(plan, states[slug], lang, byArticle[slug], opts, rep, memories); err != nil {
			return nil, err
		}
	}
	if m, ok := memories[lang]; ok {
		data, err := m.Marshal()
		if err != nil {
			return nil, err
		}
		plan.put(ws.MemoryPath(lang), data)
	}
	sort.SliceStable(rep.Conflicts, func(i, j int) bool { return rep.Conflicts[i].Line < rep.Conflicts[j].Line })
	plan.sort()
	return plan, nil
}

// unit returns the unit with the given ID.
func (st *articleState) unit(id string) (Unit, bool) {
	for _, u := range st.units {
		if u.ID == id {
			return u, true
		}
	}
	return Unit{}, false
}

// mergePushed writes pushed translations into an article's target catalog
// and sidecar. An entry that would replace a translation it was not made
// against is a conflict, left out unless opts.Force; every translation
// replaced goes into the segment's history and the translation memory.
func (ws *Workspace) mergePushed(plan *Plan, st *articleState, lang language.Tag, entries []pushed, opts PushOptions, rep *PushReport, memories map[language.Tag]*catalog.Memory) error {
	ws.noteSynced(st.slug)
	p := ws.CatalogPath(st.slug, lang)
	f, err := ws.loadArticleCatalog(st.slug, lang)
	if err != nil {
		return err
	}
	metaPath := ws.MetaPath(st.slug, lang)
	meta, err := ws.loadMeta(metaPath)
	if err != nil {
		return err
	}
	if meta.Segments == nil {
		meta.Segments = map[string]catalog.SegmentMeta{}
	}
	msgs := map[string]catalog.Message{}
	if f != nil {
		for _, m := range f.Messages {
			msgs[m.ID] = m
		}
	}
	on := opts.On.UTC().Format(time.RFC3339)
	via := "push"
	if opts.Force {
		via = "push --force"
	}
	changed := false
	for _, e := range entries {
		u, _ := st.unit(e.id)
		old, has := msgs[e.id]
		sm := meta.Segments[e.id]
		j := judge(u.Text, old, has, sm)
		current := ""
		if j.State != Missing {
			current = old.Other
		}
		forCurrent := e.sourceHash == j.SourceHash
		review := e.review && opts.Approve
		if e.review && !opts.Approve {
			rep.ApprovalsIgnored++
		}
		if current == e.translation && (old.Hash == e.sourceHash || old.Hash == "" && forCurrent) {
			if !review || !forCurrent || j.State == Reviewed {
				rep.Unchanged++
				continue
			}
		} else if !opts.Force {
			why := ""
			switch {
			case !forCurrent && (j.State == Translated || j.State == Reviewed):
				why = "your translation was made for an older source text, and the current one is made for the current source"
			case e.base != "" && e.base != baseOf(current):
				if current == "" {
					why = "the translation was removed since your pull"
				} else {
					why = "the translation changed since your pull"
				}
			case e.base == "" && current != "":
				why = "the segment is translated already, and the file does not say which translation it was made against (pull again)"
			}
			if why != "" {
				rep.Conflicts = append(rep.Conflicts, Conflict{Line: e.line, Article: st.slug, ID: e.id, Msg: why, Current: current, Pushed: e.translation})
				continue
			}
		}
		changed = true
		mem := func() (*catalog.Memory, error) { return ws.plannedMemory(plan, lang, memories) }
		if current != "" && current != e.translation {
			rep.Replaced++
			if j.State == Reviewed {
				rep.Lapsed++
			}
			made := madeFor(old.Hash, u.Text, sm)
			sm.Record(catalog.Version{Text: current, Source: made})
			m, err := mem()
			if err != nil {
				return err
			}
			m.Add(catalog.MemoryEntry{Article: st.slug, ID: e.id, Source: made, Translation: current})
		}
		msgs[e.id] = catalog.Message{ID: e.id, Hash: e.sourceHash, Other: e.translation}
		if forCurrent {
			sm.Previous = ""
			rep.Accepted++
		} else {
			rep.Stale++
			switch {
			case e.source != "":
				sm.Previous = e.source
			case sm.Previous != "" && catalog.Hash("", sm.Previous) == e.sourceHash:
			default:
				sm.Previous = ""
			}
		}
		if current != e.translation || old.Hash != e.sourceHash {
			made := e.source
			if made == "" {
				made = madeFor(e.sourceHash, u.Text, sm)
			}
			for _, v := range sm.Record(catalog.Version{Text: e.translation, Source: made, By: opts.By, On: on, Via: via}) {
				m, err := mem()
				if err != nil {
					return err
				}
				m.Add(catalog.MemoryEntry{Article: st.slug, ID: e.id, Source: v.Source, Translation: v.Text})
			}
		}
		if sm.Conflict != nil {
			// A new translation resolves an open conflict; the side it
			// leaves stays in the history and the memory.
			sm.Record(*sm.Conflict)
			m, err := mem()
			if err != nil {
				return err
			}
			m.Add(catalog.MemoryEntry{Article: st.slug, ID: e.id, Source: sm.Conflict.Source, Translation: sm.Conflict.Text})
			sm.Conflict = nil
			rep.Resolved++
		}
		if review && forCurrent {
			sm.Review = &catalog.Review{By: opts.By, On: opts.On.Format("2006-01-02"), Source: j.SourceHash, Translation: catalog.TextHash(e.translation)}
			rep.Reviewed++
		}
		if sm.Empty() {
			delete(meta.Segments, e.id)
		} else {
			meta.Segments[e.id] = sm
		}
	}
	if !changed {
		return nil
	}
	list := make([]catalog.Message, 0, len(msgs))
	for _, m := range msgs {
		list = append(list, m)
	}
	header := ""
	if data, err := ws.readFile(p); err == nil && data != nil {
		header = leadingComment(string(data))
	}
	data, err := catalog.MarshalNested(header, st.slug, list)
	if err != nil {
		return err
	}
	plan.write(p, data)
	if data, err = meta.Marshal(); err != nil {
		return err
	}
	if data != nil {
		plan.write(metaPath, data)
	} else {
		plan.remove(metaPath)
	}
	return nil
}

// leadingComment returns the comment lines at the top of a file, without "# ".
func leadingComment(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, "#") {
			break
		}
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, "#"), " "))
	}
	return strings.Join(lines, "\n")
}

// rejectionsOf turns a reader's errors into rejections.
func rejectionsOf(err error) []Rejection {
	var xl xliff.ErrorList
	var pl po.ErrorList
	var xe *xliff.Error
	var pe *po.Error
	var ce *catalog.Error
	var out []Rejection
	switch {
	case errors.As(err, &xl):
		for _, e := range xl {
			out = append(out, Rejection{Line: e.Line, Article: articleOfFileID(e.File), ID: e.Unit, Msg: e.Msg})
		}
	case errors.As(err, &pl):
		for _, e := range pl {
			out = append(out, Rejection{Line: e.Line, Msg: e.Msg})
		}
	case errors.As(err, &xe):
		out = append(out, Rejection{Line: xe.Line, Article: articleOfFileID(xe.File), ID: xe.Unit, Msg: xe.Msg})
	case errors.As(err, &pe):
		out = append(out, Rejection{Line: pe.Line, Msg: pe.Msg})
	case errors.As(err, &ce):
		out = append(out, Rejection{Line: ce.Line, Msg: ce.Msg})
	default:
		out = append(out, Rejection{Msg: err.Error()})
	}
	for i := range out {
		if out[i].Article == "" {
			out[i].ID = ""
		}
	}
	return out
}

func readXLIFF(data []byte, rep *PushReport) (language.Tag, []pushed, error) {
	doc, err := xliff.Read(data)
	if err != nil {
		return language.Und, nil, err
	}
	lang, err := language.Parse(doc.TrgLang)
	if err != nil {
		return language.Und, nil, &xliff.Error{Line: 1, Msg: fmt.Sprintf("trgLang %q is not a language tag: set trgLang to the language of the translations", doc.TrgLang)}
	}
	src, err := language.Parse(doc.SrcLang)
	if err != nil {
		return language.Und, nil, &xliff.Error{Line: 1, Msg: fmt.Sprintf("srcLang %q is not a language tag: keep the srcLang that pull wrote", doc.SrcLang)}
	}
	var out []pushed
	for _, f := range doc.Files {
		for _, u := range f.Units {
			switch {
			case !u.HasTarget || strings.TrimSpace(u.Target) == "" && (u.State == xliff.StateInitial || u.State == ""):
				rep.Untranslated++
				continue
			case u.State == xliff.StateInitial || u.State == "":
				rep.Ignored++
				continue
			}
			var base []string
			for _, n := range u.Notes {
				if n.Category == "base" {
					base = append(base, "base: "+n.Text)
				}
			}
			out = append(out, pushed{
				line: u.Line, article: articleOfFileID(f.ID), id: u.ID, source: u.Source, translation: u.Target, srcLang: src,
				review: u.State == xliff.StateReviewed || u.State == xliff.StateFinal,
				base:   contextBase(base),
			})
		}
	}
	return lang, out, nil
}

func readPO(data []byte, rep *PushReport) (language.Tag, []pushed, error) {
	f, err := po.Parse(data)
	if err != nil {
		return language.Und, nil, err
	}
	lang, err := language.Parse(strings.ReplaceAll(f.Header.Language, "_", "-"))
	if err != nil || f.Header.Language == "" {
		return language.Und, nil, &po.Error{Line: 1, Msg: fmt.Sprintf("the header's Language %q is not a language: set Language: to the language of the translations", f.Header.Language)}
	}
	var out []pushed
	var bad po.ErrorList
	for _, e := range f.Entries {
		if e.Obsolete {
			continue
		}
		article, id, ok := strings.Cut(e.Context, "/")
		if !ok || article == "" || id == "" {
			bad = append(bad, &po.Error{Line: e.Line, Msg: fmt.Sprintf("msgctxt %q is not \"<article>/<segment ID>\": keep the msgctxt that pull wrote", e.Context)})
			continue
		}
		switch {
		case e.Str == "":
			rep.Untranslated++
			continue
		case e.Fuzzy():
			rep.Ignored++
			continue
		}
		out = append(out, pushed{line: e.Line, article: article, id: id, source: e.ID, translation: e.Str, base: contextBase(e.ExtractedComments)})
	}
	if len(bad) > 0 {
		return language.Und, nil, bad
	}
	return lang, out, nil
}

func readTOML(name string, data []byte, rep *PushReport) (language.Tag, []pushed, error) {
	f, err := catalog.Parse(path.Base(name), data)
	if err != nil {
		return language.Und, nil, err
	}
	var out []pushed
	var bad []string
	for _, m := range f.Messages {
		// segment IDs hold no dot; an article's name may
		cut := strings.LastIndexByte(m.ID, '.')
		article, id, ok := m.ID[:max(cut, 0)], m.ID[cut+1:], cut > 0 && cut < len(m.ID)-1
		if !ok {
			bad = append(bad, fmt.Sprintf("line %d: message ID %q is not \"<article>.<segment ID>\": keep the IDs that pull wrote", f.Line(m.ID), m.ID))
			continue
		}
		if m.Hash != "" && m.Hash == catalog.Hash("", m.Other) {
			rep.Untranslated++ // still the source text
			continue
		}
		out = append(out, pushed{line: f.Line(m.ID), article: article, id: id, sourceHash: m.Hash, translation: m.Other, base: contextBase(strings.Split(m.Description, "\n"))})
	}
	if len(bad) > 0 {
		return language.Und, nil, &catalog.Error{Path: name, Msg: strings.Join(bad, "; ")}
	}
	return f.Lang, out, nil
}

// langInName returns the workspace language a file name carries before its
// extension ("x.kk.po"), if any.
func (ws *Workspace) langInName(name string) (language.Tag, bool) {
	parts := strings.Split(path.Base(name), ".")
	if len(parts) < 3 {
		return language.Und, false
	}
	tag, err := language.Parse(strings.ReplaceAll(parts[len(parts)-2], "_", "-"))
	if err != nil {
		return language.Und, false
	}
	return ws.MatchLang(tag)
}

// checkText refuses text that a translation (or an article) must not hold:
// C0 control characters other than tab and line feed, DEL, and the
// bidirectional overrides and isolates that can make text display other
// than it reads; and text longer than max bytes, when max is set.
func checkText(s string, max int) error {
	if max > 0 && len(s) > max {
		return fmt.Errorf("the text is %d bytes long, more than the %d a segment may have (limits.segment_bytes in %s)", len(s), max, ConfigFile)
	}
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case r < 0x20 || r == 0x7f:
			return fmt.Errorf("the text holds the control character U+%04X at byte %d: remove it", r, i)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return fmt.Errorf("the text holds the bidirectional control U+%04X at byte %d, which can make text display other than it reads: remove it", r, i)
		}
	}
	return nil
}
