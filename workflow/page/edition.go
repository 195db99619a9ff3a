package page

import (
	"fmt"
	"html/template"
	"io"
)

// Edition is one article in one language, ready to render. All strings are
// plain text, already translated and formatted by the caller.
type Edition struct {
	Lang            string        // BCP 47 tag of the edition; goes to <html lang>
	Dir             string        // "ltr" (the default when empty) or "rtl"
	Title           string        // localized title; required
	Kicker          string        // optional small label above the title, e.g. "ANALYSIS" or "ORIGINAL ARTICLE"; shown as given, never case-mapped
	Meta            []string      // short lines under the title: "Translated from English", "Reading time: 5 minutes", a date
	Notice          string        // optional warning banner, e.g. "Some passages are shown in the original language."
	Body            template.HTML // the article body, already rendered to safe HTML by the caller
	Source          Link          // optional link to the original publication
	Alternates      []Alternate   // the same article in every language, this one included (Current)
	AlternatesLabel string        // "Also available in"; required when there is another language
	Footer          string        // copyright line
	CanonicalHref   string        // optional <link rel="canonical">
}

// editionView is what the edition template sees.
type editionView struct {
	E        Edition
	Dir      string
	CSS      template.CSS
	CSP      string
	Switcher switcher
	Others   []Alternate // the other languages, for the line after the article
}

// WriteEdition writes e to w as a standalone HTML page: <html lang> and dir
// from the edition, a <link rel="alternate" hreflang> in the head for each
// alternate, a visible language switcher, the article and its footer. It
// returns an error, and writes nothing, when e is invalid: no title, a
// malformed language tag or direction, an empty meta line, an alternate
// without href or name, two alternates for one language or marked current,
// or other languages but no AlternatesLabel.
func WriteEdition(w io.Writer, e Edition) error {
	v, err := editionModel(e)
	if err != nil {
		return err
	}
	return render(w, "edition.html", v)
}

// editionModel validates e and builds the template's view of it.
func editionModel(e Edition) (editionView, error) {
	const what = "page: edition"
	v := editionView{E: e}
	if err := checkLang(what, e.Lang); err != nil {
		return v, err
	}
	dir, err := checkDir(what, e.Dir)
	if err != nil {
		return v, err
	}
	v.Dir = dir
	if err := checkText(what+": title", e.Title); err != nil {
		return v, err
	}
	for i, m := range e.Meta {
		if err := checkText(fmt.Sprintf("%s: meta line %d", what, i+1), m); err != nil {
			return v, err
		}
	}
	if e.Source.Label == "" && e.Source.Href != "" {
		v.E.Source.Label = e.Source.Href
	}
	sw, err := checkAlternates(what, e.Alternates, e.AlternatesLabel)
	if err != nil {
		return v, err
	}
	v.Switcher = sw
	for _, a := range sw.Items {
		if !a.Current {
			v.Others = append(v.Others, a)
		}
	}
	t, err := pages()
	if err != nil {
		return v, fmt.Errorf("%s: loading templates: %w", what, err)
	}
	v.CSS = t.articleCSS
	v.CSP = t.articleCSP
	return v, nil
}
