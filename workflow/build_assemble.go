package workflow

import (
	"errors"
	"fmt"
	"sort"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/edition"
	"github.com/tilmash/tilmash/workflow/segment"
	"github.com/tilmash/tilmash/workflow/translit"
)

// This file assembles an edition from the source and the translations.

// uiBundle loads the UI strings of every language: the strings tilmash
// ships (edition.DefaultUI), overridden message by message by the
// workspace's own locales/<lang>/ui.<lang>.toml.
func (ws *Workspace) uiBundle() (*i18n.Bundle, error) {
	b := i18n.NewBundle(ws.Langs[0])
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	// the messages of each language, for the languages derived from it
	loaded := map[language.Tag]map[string]*i18n.Message{}
	keep := func(tag language.Tag, mf *i18n.MessageFile) {
		if loaded[tag] == nil {
			loaded[tag] = map[string]*i18n.Message{}
		}
		for _, m := range mf.Messages {
			loaded[tag][m.ID] = m
		}
	}
	own := map[language.Tag]bool{}
	for _, tag := range ws.Langs {
		if data := edition.DefaultUI(tag); data != nil {
			mf, err := b.ParseMessageFileBytes(data, "ui."+tag.String()+".toml")
			if err != nil {
				return nil, fmt.Errorf("tilmash's own UI strings for %s: %w", tag, err)
			}
			keep(tag, mf)
		}
		p := ws.UIPath(tag)
		data, err := ws.readFile(p)
		if err != nil {
			return nil, err
		}
		if data == nil {
			continue
		}
		// UI strings are templates: only plain {{.Name}} references, so
		// that no string can make a build loop or run code.
		if err := edition.CheckUIFile(p, data); err != nil {
			return nil, err
		}
		mf, err := b.ParseMessageFileBytes(data, p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: fix the file, or delete it to use tilmash's defaults", p, err)
		}
		keep(tag, mf)
		own[tag] = true
	}
	// A derived language without UI strings of its own takes its base's,
	// transliterated.
	for _, tag := range ws.Langs {
		base, ok := ws.DerivedFrom(tag)
		if !ok || own[tag] {
			continue
		}
		ids := make([]string, 0, len(loaded[base]))
		for id := range loaded[base] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		var msgs []*i18n.Message
		for _, id := range ids {
			m := *loaded[base][id]
			for _, f := range []*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many, &m.Other} {
				*f = translit.Kazakh(*f)
			}
			msgs = append(msgs, &m)
		}
		if err := b.AddMessages(tag, msgs...); err != nil {
			return nil, fmt.Errorf("UI strings for %s from %s: %w", tag, base, err)
		}
	}
	return b, nil
}

// assemble fills an edition's segments by the policy.
func (ws *Workspace) assemble(st *articleState, tag language.Tag, opts BuildOptions) (*editionBuild, error) {
	src := st.src
	ed := &editionBuild{tag: tag}
	ed.Article, ed.Lang, ed.SourceLang = st.slug, tag.String(), src.art.Lang.String()
	n := len(st.units)
	ed.Coverage.Segments = n
	texts := make([]string, n)
	langs := make([]language.Tag, n)
	var fbTag language.Tag
	if tag == src.art.Lang {
		for i, u := range st.units {
			texts[i], langs[i] = u.Text, tag
		}
		ed.Coverage.Finished = n
	} else {
		states, err := ws.segmentStates(st, tag)
		if err != nil {
			return nil, err
		}
		counts := &StateCounts{}
		for _, s := range states {
			switch s.State {
			case Missing:
				counts.Missing++
			case Stale:
				counts.Stale++
			case Translated:
				counts.Translated++
			case Reviewed:
				counts.Reviewed++
			}
		}
		ed.Coverage.States = counts
		var fb []SegmentStatus
		switch opts.Fallback {
		case "none":
		case "source":
			fbTag = src.art.Lang
		default:
			fbTag = language.Make(opts.Fallback)
			if fbTag != src.art.Lang && fbTag != tag {
				if fb, err = ws.segmentStates(st, fbTag); err != nil {
					return nil, err
				}
			}
		}
		finished := func(s SegmentStatus) bool {
			return s.State == Reviewed || s.State == Translated && opts.Require == Translated
		}
		for i, s := range states {
			switch {
			case finished(s):
				texts[i], langs[i] = edition.Strip(s.Translation), tag
				if opts.qa != nil {
					texts[i] = opts.qa.style(tag).NoBreakSpaces(texts[i])
				}
				ed.Coverage.Finished++
			case fbTag == src.art.Lang:
				texts[i], langs[i] = s.Source, fbTag
			case fb != nil && finished(fb[i]):
				texts[i], langs[i] = edition.Strip(fb[i].Translation), fbTag
			default:
				ed.Coverage.Unfilled++
				continue
			}
			if langs[i] != tag {
				ed.Coverage.Fallback++
				ed.FallbackSegments = append(ed.FallbackSegments, s.ID)
				ed.FallbackLang = fbTag.String()
			}
		}
	}
	ed.Coverage.Percent = 100 * float64(ed.Coverage.Finished) / float64(max(n, 1))
	switch {
	case ed.Coverage.Unfilled > 0:
		ed.Reason = unfilledReason(ed, opts, fbTag, ws.CatalogPath(st.slug, tag))
		return ed, nil
	case ed.Coverage.Fallback > 0 && ed.Coverage.Percent < opts.MinCoverage:
		ed.Reason = fmt.Sprintf("only %s%% of the segments are %s and %d would be shown in %s; the minimum is %g%%: %s, or lower it with --min-coverage %d",
			PercentText(ed.Coverage.Percent), opts.Require, ed.Coverage.Fallback, ed.FallbackLang, opts.MinCoverage,
			finishAdvice(ed, opts, "the rest", ws.CatalogPath(st.slug, tag)), ed.Coverage.floorPercent())
		return ed, nil
	}
	ed.title, ed.titleLang = texts[0], langs[0]
	// The units of the front matter come first, then the body's segments.
	h := len(st.units) - len(src.doc.Segments)
	ed.head = map[string]string{}
	for i, u := range st.units[:h] {
		ed.head[u.ID] = texts[i]
	}
	// The reading time is the source's, so that the editions of one
	// article agree: languages differ in words, not in what there is to read.
	for _, u := range st.units {
		ed.words += CountWords(u.Text)
	}
	body := func(marked bool) ([]byte, error) {
		return segment.AssembleFunc(src.doc, func(i int) (string, error) {
			seg := src.doc.Segments[i]
			md := src.doc.Raw(i)
			if texts[i+h] != seg.Text {
				var err error
				if md, err = segment.Render(seg, texts[i+h]); err != nil {
					return "", &renderError{id: st.units[i+h].ID, lang: langs[i+h], err: err}
				}
			}
			// A mark is an element: not inside an attribute or a title.
			inText := seg.Context != "attribute" && seg.Context != "unquoted-attribute" && seg.Context != "title"
			if marked && langs[i+h] != tag && inText {
				md = edition.Mark(md, langs[i+h])
			}
			return md, nil
		})
	}
	var err error
	if ed.markdown, err = body(false); err == nil {
		ed.marked = ed.markdown
		if ed.Coverage.Fallback > 0 { // only fallback segments carry marks
			ed.marked, err = body(true)
		}
	}
	var re *renderError
	if errors.As(err, &re) {
		// A translation that breaks its segment's markup makes its edition
		// unbuildable, not the whole build.
		ed.Reason = fmt.Sprintf("%s: segment %s: %v: fix the translation", ws.CatalogPath(st.slug, re.lang), re.id, re.err)
		return ed, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s edition: %w", ws.ArticlePath(st.slug), tag, err)
	}
	ed.Built = true
	ed.Title = ed.title
	return ed, nil
}

// renderError is a translation that cannot take its segment's place.
type renderError struct {
	id   string
	lang language.Tag
	err  error
}

func (e *renderError) Error() string { return fmt.Sprintf("segment %s: %v", e.id, e.err) }
func (e *renderError) Unwrap() error { return e.err }
