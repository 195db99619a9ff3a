package workflow

import (
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/exchange/po"
	"github.com/tilmash/tilmash/workflow/exchange/xliff"
)

// The exchange formats of pull and push.
const (
	FormatTOML  = "toml"
	FormatXLIFF = "xliff"
	FormatPO    = "po"
)

// FormatOf guesses the format of a translator's file from its name, then
// from its first bytes.
func FormatOf(name string, data []byte) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".xlf", ".xliff":
		return FormatXLIFF
	case ".po", ".pot":
		return FormatPO
	case ".toml":
		return FormatTOML
	}
	head := strings.TrimLeft(string(data[:min(len(data), 512)]), "\ufeff \t\r\n")
	switch {
	case strings.HasPrefix(head, "<"):
		return FormatXLIFF
	case strings.Contains(head, "msgid"):
		return FormatPO
	}
	return FormatTOML
}

// WritePull writes pulled segments in a format. An XLIFF file has one
// source language, so its items must come from articles of one source
// language; TOML and PO files take any mix. at is the time of the pull,
// which a PO header gives as its revision date.
func (ws *Workspace) WritePull(w io.Writer, format string, lang language.Tag, items []PullItem, at time.Time) error {
	switch format {
	case FormatTOML:
		return writePullTOML(w, lang, items, ws)
	case FormatPO:
		return writePullPO(w, lang, items, ws, at)
	case FormatXLIFF:
	default:
		return fmt.Errorf("unknown format %q: use toml, xliff or po", format)
	}
	src := language.Und
	bySource := map[language.Tag][]string{}
	var order []language.Tag
	last := ""
	for _, it := range items {
		if it.Article == last {
			continue
		}
		last = it.Article
		tag := it.SourceLang
		if _, ok := bySource[tag]; !ok {
			order = append(order, tag)
		}
		bySource[tag] = append(bySource[tag], it.Article)
		src = tag
	}
	if len(order) > 1 {
		var parts []string
		for _, tag := range order {
			parts = append(parts, fmt.Sprintf("from %s: --article %s", tag, strings.Join(bySource[tag], ",")))
		}
		return fmt.Errorf("an XLIFF file has one source language, and these articles have %d (%s): pull one source language at a time, or use --format toml or po", len(order), strings.Join(parts, "; "))
	}
	if src == language.Und {
		src = ws.Langs[0]
	}
	return writePullXLIFF(w, src, lang, items, ws)
}

// context returns the notes a translator needs for one item.
func (ws *Workspace) context(it PullItem) [][2]string {
	var n [][2]string
	add := func(k, v string) {
		if v != "" {
			n = append(n, [2]string{k, v})
		}
	}
	add("location", fmt.Sprintf("%s:%d", ws.ArticlePath(it.Article), it.Line))
	add("title", it.Title)
	add("before", it.Before)
	add("after", it.After)
	if it.State == Stale {
		add("previous-source", it.Previous)
		add("changes", it.Diff())
	}
	add("current-translation", it.Translation)
	for _, h := range it.Terms {
		term := h.Source + " → " + h.Translation
		if h.Note != "" {
			term += " (" + h.Note + ")"
		}
		add("term", term)
	}
	add("conflict", it.Conflict) // the other translation, to choose from or merge
	for _, c := range it.Codes {
		switch {
		case c.Paired:
			add("placeholder", fmt.Sprintf("<%d>…</%d> stands for %s…%s", c.ID, c.ID, c.Open, c.Close))
		case isLineBreak(c.Open):
			add("placeholder", fmt.Sprintf("<%d/> stands for a line break", c.ID))
		default:
			add("placeholder", fmt.Sprintf("<%d/> stands for %s", c.ID, c.Open))
		}
	}
	for _, s := range it.Suggestions {
		add("suggestion", fmt.Sprintf("%.0f%% %s: %s → %s", s.Score*100, s.Origin, s.Source, s.Translation))
	}
	// What the segment's translation is now: a push of this file that
	// finds another is a conflict, not a silent overwrite.
	add("base", baseOf(it.Translation))
	return n
}

func writePullTOML(w io.Writer, lang language.Tag, items []PullItem, ws *Workspace) error {
	var msgs []catalog.Message
	for _, it := range items {
		var desc []string
		for _, kv := range ws.context(it) {
			desc = append(desc, kv[0]+": "+kv[1])
		}
		// A translated segment comes with its translation to edit; a
		// missing or stale one with the source to replace, so that a stale
		// translation cannot pass for current by being pushed unchanged.
		other := it.Source
		if it.State == Translated || it.State == Reviewed {
			other = it.Translation
		}
		msgs = append(msgs, catalog.Message{
			ID:          it.Article + "." + it.ID,
			Description: strings.Join(desc, "\n"),
			Hash:        catalog.Hash("", it.Source),
			Other:       other,
		})
	}
	header := fmt.Sprintf("tilmash: %d %s to translate into %s.\nReplace each other = \"…\" with its translation, keep every <1>…</1> and <2/>,\nthen run tilmash push on this file. description is context; hash names the source.", len(items), plural(len(items), "segment", "segments"), display.English.Languages().Name(lang))
	data, err := catalog.MarshalInOrder(header, msgs)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func writePullXLIFF(w io.Writer, src, lang language.Tag, items []PullItem, ws *Workspace) error {
	doc := &xliff.Document{SrcLang: src.String(), TrgLang: lang.String()}
	for _, it := range items {
		if n := len(doc.Files); n == 0 || doc.Files[n-1].ID != xliffFileID(it.Article) {
			doc.Files = append(doc.Files, xliff.File{ID: xliffFileID(it.Article), Notes: []xliff.Note{{Category: "title", Text: it.Title}}})
		}
		f := &doc.Files[len(doc.Files)-1]
		u := xliff.Unit{ID: it.ID, Source: it.Source, State: xliff.StateInitial}
		for _, kv := range ws.context(it) {
			// suggestions travel as translation candidates (<mtc:matches>)
			if kv[0] != "title" && kv[0] != "placeholder" && kv[0] != "suggestion" && kv[0] != "term" {
				u.Notes = append(u.Notes, xliff.Note{Category: kv[0], Text: kv[1]})
			}
		}
		for _, c := range it.Codes {
			u.Codes = append(u.Codes, xliff.Code{ID: strconv.Itoa(c.ID), Open: c.Open, Close: c.Close, Paired: c.Paired})
		}
		for _, h := range it.Terms {
			u.Glossary = append(u.Glossary, xliff.GlossEntry{Term: h.Source, Translation: h.Translation, Definition: h.Note})
		}
		for _, sg := range it.Suggestions {
			u.Matches = append(u.Matches, xliff.Match{Source: sg.Source, Target: sg.Translation, Similarity: sg.Score * 100, Origin: sg.Origin})
		}
		if it.Translation != "" {
			u.Target, u.HasTarget = it.Translation, true
			if it.State == Translated {
				u.State = xliff.StateTranslated
			}
			if it.State == Reviewed {
				u.State = xliff.StateReviewed
			}
		}
		f.Units = append(f.Units, u)
	}
	return xliff.Write(w, doc)
}

func writePullPO(w io.Writer, lang language.Tag, items []PullItem, ws *Workspace, at time.Time) error {
	// The fields msgfmt --check wants, so that it warns of nothing.
	f := &po.File{Header: po.Header{
		ProjectIDVersion: "tilmash",
		Language:         lang.String(),
		PluralForms:      po.PluralForms(lang),
		Fields: [][2]string{
			{"PO-Revision-Date", at.Format("2006-01-02 15:04-0700")},
			{"Last-Translator", ""},
			{"Language-Team", display.English.Languages().Name(lang)},
		},
	}}
	for _, it := range items {
		e := po.Entry{Context: it.Article + "/" + it.ID, ID: it.Source}
		for _, kv := range ws.context(it) {
			switch kv[0] {
			case "location":
				e.References = append(e.References, kv[1])
			case "previous-source", "current-translation":
			default:
				e.ExtractedComments = append(e.ExtractedComments, kv[0]+": "+kv[1])
			}
		}
		if it.Translation != "" {
			e.Str = it.Translation
			if it.State == Stale {
				e.Flags = []string{"fuzzy"}
				e.PrevID = it.Previous
			}
		} else if s, ok := bestMatch(it.Suggestions); ok {
			// As msgmerge fills in a fuzzy match: the translator's tool
			// shows it to review, msgfmt and push leave it out until the
			// fuzzy flag goes.
			e.Str, e.Flags = s.Translation, []string{"fuzzy"}
			if s.Source != it.Source {
				e.PrevID = s.Source
			}
			e.ExtractedComments = append(e.ExtractedComments, fmt.Sprintf("fuzzy-match: %.0f%% from %s", s.Score*100, s.Origin))
		}
		f.Entries = append(f.Entries, e)
	}
	return po.Write(w, f)
}

// FuzzyThreshold is the score from which a PO pull fills a missing
// segment's msgstr with its best translation-memory match, marked fuzzy.
const FuzzyThreshold = 0.75

// bestMatch returns the best suggestion at FuzzyThreshold or above.
func bestMatch(suggestions []Suggestion) (Suggestion, bool) {
	var best Suggestion
	for _, s := range suggestions {
		if s.Score > best.Score {
			best = s
		}
	}
	return best, best.Score >= FuzzyThreshold
}

// isLineBreak reports whether a standalone code is a Markdown hard line
// break: two spaces or a backslash before the newline, then the next line's
// quote or list prefix.
func isLineBreak(code string) bool {
	before, _, ok := strings.Cut(code, "\n")
	return ok && (strings.TrimSpace(before) == "" || strings.TrimSpace(before) == "\\")
}

// xliffFileID names an article as an XLIFF <file> id, which must be an XML
// NMTOKEN: the folders of its name are joined by ":" instead of "/".
func xliffFileID(article string) string { return strings.ReplaceAll(article, "/", ":") }

// articleOfFileID is the article an XLIFF <file> id names.
func articleOfFileID(id string) string { return strings.ReplaceAll(id, ":", "/") }
