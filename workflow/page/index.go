package page

import (
	"fmt"
	"html/template"
	"io"
	"math"
)

// Index lists the editions of one language. All strings are plain text,
// already translated and formatted by the caller.
type Index struct {
	Lang            string       // BCP 47 tag of the page; goes to <html lang>
	Dir             string       // "ltr" (the default when empty) or "rtl"
	Title           string       // page heading, e.g. "Мақалалар"; required
	Footer          string       // copyright line
	Entries         []IndexEntry // in the order to show them
	Alternates      []Alternate  // the index in every language, this one included (Current)
	AlternatesLabel string       // label of the language switcher; required when there is another language
}

// IndexEntry is one edition in an Index.
type IndexEntry struct {
	Title    string  // title of the edition; required
	Href     string  // link to the edition; required
	Coverage string  // localized coverage line, e.g. "87% аударылған"; optional
	Percent  float64 // share of the edition that is translated, 0 to 100; drawn as a bar next to Coverage
	Lang     string  // language of Title when it differs from the page's (an untranslated title), else ""
}

// indexView is what the index template sees.
type indexView struct {
	X        Index
	Dir      string
	CSS      template.CSS
	CSP      string
	Switcher switcher
	Entries  []indexEntryView
}

// indexEntryView is an entry with its bar width.
type indexEntryView struct {
	IndexEntry
	Width float64 // bar width in percent, rounded
	Full  bool
}

// WriteIndex writes ix to w as a standalone HTML page listing its entries
// with their coverage. It returns an error, and writes nothing, when ix is
// invalid: no title, a malformed language tag, an entry without title or
// href, a percent outside 0–100, or invalid alternates (see WriteEdition).
func WriteIndex(w io.Writer, ix Index) error {
	const what = "page: index"
	v := indexView{X: ix}
	if err := checkLang(what, ix.Lang); err != nil {
		return err
	}
	dir, err := checkDir(what, ix.Dir)
	if err != nil {
		return err
	}
	v.Dir = dir
	if err := checkText(what+": title", ix.Title); err != nil {
		return err
	}
	for i, e := range ix.Entries {
		at := fmt.Sprintf("%s: entry %d", what, i+1)
		if err := checkText(at+": title", e.Title); err != nil {
			return err
		}
		if err := checkText(at+": href", e.Href); err != nil {
			return err
		}
		if err := checkPercent(at, e.Percent); err != nil {
			return err
		}
		if e.Lang != "" {
			if err := checkLang(at, e.Lang); err != nil {
				return err
			}
		}
		v.Entries = append(v.Entries, indexEntryView{
			IndexEntry: e,
			Width:      math.Round(e.Percent*100) / 100,
			Full:       e.Percent >= 100,
		})
	}
	sw, err := checkAlternates(what, ix.Alternates, ix.AlternatesLabel)
	if err != nil {
		return err
	}
	v.Switcher = sw
	t, err := pages()
	if err != nil {
		return fmt.Errorf("%s: loading templates: %w", what, err)
	}
	v.CSS = t.articleCSS
	v.CSP = t.articleCSP
	return render(w, "index.html", v)
}
