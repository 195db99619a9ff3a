package workflow

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/article"
	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/segment"
	"github.com/tilmash/tilmash/workflow/track"
)

// The segment IDs of the translatable values of an article's front
// matter: every article has a title; description and summary are
// segments when the front matter gives them.
const (
	TitleID       = "title"
	DescriptionID = "meta-description"
	SummaryID     = "meta-summary"
)

// headIDs are the IDs that segments of the body never take.
var headIDs = []string{TitleID, DescriptionID, SummaryID}

// Unit is a segment of an article as the workflow sees it: the title or a
// segment of the body, with its ID.
type Unit struct {
	ID   string
	Text string
	// Kind is "title" or the segment kind of the body.
	Kind string
	// Index is the segment's index in the body, or -1 for the title.
	Index int
	// Line is the line in the article file.
	Line int
}

// source is an article read from its file and cut into segments.
type source struct {
	art *article.Article
	doc *segment.Doc
}

func (ws *Workspace) readArticle(slug string) (*source, error) {
	if slug == UISlug {
		return nil, fmt.Errorf("%s: the name %q is taken by the UI strings: rename the article", ws.ArticlePath(slug), slug)
	}
	p := ws.ArticlePath(slug)
	data, err := ws.readFile(p)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, fmt.Errorf("%s: no such article", p)
	}
	lim := ws.Limits()
	if int64(len(data)) > lim.ArticleBytes {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d an article may have: split the article, or raise limits.article_bytes in %s", p, len(data), lim.ArticleBytes, ConfigFile)
	}
	a, err := article.Options{Name: slug, Langs: ws.Langs, DefaultLang: ws.SourceLang()}.Parse(p, data)
	if err != nil {
		return nil, err
	}
	for _, h := range []struct {
		key, text string
		line      int
	}{{"title", a.Title, a.TitleLine}, {"description", a.Description, a.DescriptionLine}, {"summary", a.Summary, a.SummaryLine}} {
		if err := checkText(h.text, lim.SegmentBytes); err != nil {
			return nil, &article.Error{Path: p, Line: h.line, Msg: h.key + ": " + err.Error()}
		}
	}
	if !ws.HasLang(a.Lang) {
		return nil, &article.Error{Path: p, Line: a.LangLine, Msg: fmt.Sprintf("lang %q is not one of the workspace's languages (%s): fix lang or add it to %s", a.Lang, strings.Join(ws.Config.Languages, ", "), ConfigFile)}
	}
	doc, err := segment.Split(a.Body(), segment.Options{Lang: a.Lang, Unit: ws.Unit, MaxDepth: lim.MarkdownDepth})
	if err != nil {
		err = bodyError(a, err)
		if _, ok := err.(*segment.DepthError); ok {
			return nil, fmt.Errorf("%s:%w, or raise limits.markdown_depth in %s", p, err, ConfigFile)
		}
		return nil, fmt.Errorf("%s:%w", p, err)
	}
	bodyLine := lineOf(a.Data, a.BodyStart) - 1
	for _, seg := range doc.Segments {
		if err := checkText(seg.Text, lim.SegmentBytes); err != nil {
			return nil, &article.Error{Path: p, Line: seg.Line + bodyLine, Msg: err.Error()}
		}
	}
	return &source{art: a, doc: doc}, nil
}

// bodyError shifts line numbers in segment errors from the body to the file.
func bodyError(a *article.Article, err error) error {
	offset := lineOf(a.Data, a.BodyStart) - 1
	switch e := err.(type) {
	case *segment.MarkupError:
		return &segment.MarkupError{Line: e.Line + offset, Msg: e.Msg}
	case *segment.EncodingError:
		return &segment.EncodingError{Line: e.Line + offset, Offset: e.Offset + a.BodyStart}
	case *segment.ControlError:
		return &segment.ControlError{Line: e.Line + offset, Offset: e.Offset + a.BodyStart, Rune: e.Rune}
	case *segment.DepthError:
		return &segment.DepthError{Line: e.Line + offset, Depth: e.Depth, Max: e.Max}
	}
	return err
}

func lineOf(src []byte, off int) int {
	n := 1
	for _, c := range src[:off] {
		if c == '\n' {
			n++
		}
	}
	return n
}

// warnings returns the splitter's warnings about the article at path, with
// lines of the file.
func (s *source) warnings(path string) []string {
	var out []string
	bodyLine := lineOf(s.art.Data, s.art.BodyStart) - 1
	for _, w := range s.doc.Warnings {
		out = append(out, fmt.Sprintf("%s:%d: %s", path, w.Line+bodyLine, w.Msg))
	}
	return out
}

// head returns the units of the front matter: the title, then the
// description and the summary when the article has them.
func (s *source) head() []Unit {
	us := []Unit{{ID: TitleID, Text: s.art.Title, Kind: "title", Index: -1, Line: s.art.TitleLine}}
	if s.art.Description != "" {
		us = append(us, Unit{ID: DescriptionID, Text: s.art.Description, Kind: "description", Index: -1, Line: s.art.DescriptionLine})
	}
	if s.art.Summary != "" {
		us = append(us, Unit{ID: SummaryID, Text: s.art.Summary, Kind: "summary", Index: -1, Line: s.art.SummaryLine})
	}
	return us
}

// texts returns the texts of the head and of the body's segments.
func (s *source) texts() []string {
	var out []string
	for _, u := range s.head() {
		out = append(out, u.Text)
	}
	return append(out, s.bodyTexts()...)
}

// bodyTexts returns the texts of the body's segments.
func (s *source) bodyTexts() []string {
	out := make([]string, 0, len(s.doc.Segments))
	for _, seg := range s.doc.Segments {
		out = append(out, seg.Text)
	}
	return out
}

// units pairs the source's segments with IDs (the head first).
func (s *source) units(ids []string) []Unit {
	bodyLine := lineOf(s.art.Data, s.art.BodyStart) - 1
	us := s.head()
	for i, seg := range s.doc.Segments {
		us = append(us, Unit{ID: ids[i], Text: seg.Text, Kind: string(seg.Kind), Index: i, Line: seg.Line + bodyLine})
	}
	return us
}

// loadCatalog reads a message file; a missing file is nil.
func (ws *Workspace) loadCatalog(p string, want language.Tag) (*catalog.File, error) {
	data, err := ws.readFile(p)
	if err != nil || data == nil {
		return nil, err
	}
	f, err := catalog.Parse(p, data)
	if err != nil {
		return nil, err
	}
	if f.Lang != want {
		return nil, fmt.Errorf("%s: the file name says %s, but the folder is for %s: move or rename the file", p, f.Lang, want)
	}
	return f, nil
}

// loadArticleCatalog reads the message file of an article in a language,
// its messages under the article's table (see catalog.MarshalNested) with
// the plain segment IDs; a file written before articles had tables reads
// the same. A missing file is nil.
func (ws *Workspace) loadArticleCatalog(name string, tag language.Tag) (*catalog.File, error) {
	f, err := ws.loadCatalog(ws.CatalogPath(name, tag), tag)
	if err != nil || f == nil {
		return f, err
	}
	return f.Within(name)
}

// loadMeta reads a sidecar; a missing one is empty.
func (ws *Workspace) loadMeta(p string) (*catalog.Meta, error) {
	data, err := ws.readFile(p)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return &catalog.Meta{}, nil
	}
	return catalog.ParseMeta(p, data)
}

// oldSegments returns the segments of a source catalog in the order its
// sidecar remembers, the title left out; IDs the order does not know come
// last, sorted.
func oldSegments(f *catalog.File, meta *catalog.Meta) []track.Old {
	if f == nil {
		return nil
	}
	var old []track.Old
	seen := map[string]bool{TitleID: true, DescriptionID: true, SummaryID: true}
	add := func(id string) {
		if m, ok := f.Lookup(id); ok && !seen[id] {
			old = append(old, track.Old{ID: id, Text: m.Other})
			seen[id] = true
		}
	}
	for _, id := range meta.Order {
		add(id)
	}
	for _, m := range f.Messages { // sorted by ID
		add(m.ID)
	}
	return old
}
