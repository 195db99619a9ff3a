package page

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

// Link is a labelled hyperlink, such as the original publication of an
// article.
type Link struct {
	Label string // visible text; when empty, Href is shown
	Href  string // target URL; when empty, Label is shown as plain text
}

// Alternate is one language version of a page, used both for the
// <link rel="alternate" hreflang> elements in the head and for the visible
// language switcher.
type Alternate struct {
	Lang    string // BCP 47 tag, or "x-default" (head only, not shown in the switcher)
	Name    string // the language's own name: "Қазақша", "Türkçe", "Русский"
	Href    string // URL of that version, usually relative
	Current bool   // true for the version being rendered
}

//go:embed templates/*.html assets/*.css assets/*.js
var files embed.FS

// pages holds the parsed templates and the assets, loaded once.
var pages = sync.OnceValues(loadPages)

// templates is the parsed template set plus the inline assets and the
// policies that go with them.
type templates struct {
	set          *template.Template
	articleCSS   template.CSS
	dashboardCSS template.CSS
	dashboardJS  template.JS
	articleCSP   string
	dashboardCSP string
}

// loadPages parses the embedded templates and reads the embedded assets.
func loadPages() (*templates, error) {
	read := func(names ...string) (string, error) {
		var b strings.Builder
		for _, n := range names {
			data, err := files.ReadFile(n)
			if err != nil {
				return "", err
			}
			b.Write(data)
		}
		return b.String(), nil
	}
	article, err := read("assets/base.css", "assets/article.css")
	if err != nil {
		return nil, err
	}
	dash, err := read("assets/base.css", "assets/dashboard.css")
	if err != nil {
		return nil, err
	}
	js, err := read("assets/dashboard.js")
	if err != nil {
		return nil, err
	}
	set, err := template.New("page").ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	// The script is inlined verbatim between <script> and </script>, so its
	// hash is the hash of the file.
	sum := sha256.Sum256([]byte(js))
	return &templates{
		set:          set,
		articleCSS:   template.CSS(article),
		dashboardCSS: template.CSS(dash),
		dashboardJS:  template.JS(js),
		// Editions and indexes run no script at all; images in the body
		// may come from anywhere the caller's Markdown points to.
		articleCSP: "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'",
		// The dashboard loads nothing: only its own inline style and script.
		dashboardCSP: "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" +
			base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'",
	}, nil
}

// render executes the named template into memory and then writes the result
// to w in one call, so a failed render writes nothing.
func render(w io.Writer, name string, data any) error {
	t, err := pages()
	if err != nil {
		return fmt.Errorf("page: loading templates: %w", err)
	}
	var buf bytes.Buffer
	if err := t.set.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("page: rendering %s: %w", name, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("page: writing %s: %w", name, err)
	}
	return nil
}

// checkLang reports an error unless tag is a well-formed BCP 47 tag.
func checkLang(what, tag string) error {
	if tag == "" {
		return fmt.Errorf("%s: missing language tag", what)
	}
	if _, err := language.Parse(tag); err != nil {
		return fmt.Errorf("%s: invalid language tag %q: %w", what, tag, err)
	}
	return nil
}

// checkDir returns the dir attribute for d: "ltr" for "", or an error for
// anything but "ltr" and "rtl".
func checkDir(what, d string) (string, error) {
	switch d {
	case "", "ltr":
		return "ltr", nil
	case "rtl":
		return "rtl", nil
	}
	return "", fmt.Errorf("%s: invalid text direction %q (want \"ltr\" or \"rtl\")", what, d)
}

// checkText reports an error when a required text field is blank.
func checkText(what, s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("%s is empty", what)
	}
	return nil
}

// switcher is the view of a language switcher.
type switcher struct {
	Label string
	Items []Alternate // without x-default
	Any   bool        // whether there is another language to switch to
}

// checkAlternates validates alternates and builds the switcher view.
func checkAlternates(what string, alts []Alternate, label string) (switcher, error) {
	var sw switcher
	seen := make(map[string]bool, len(alts))
	current := 0
	for i, a := range alts {
		at := fmt.Sprintf("%s: alternate %d", what, i+1)
		if a.Lang != "x-default" {
			if err := checkLang(at, a.Lang); err != nil {
				return sw, err
			}
		}
		key := strings.ToLower(a.Lang)
		if seen[key] {
			return sw, fmt.Errorf("%s: duplicate language %q", at, a.Lang)
		}
		seen[key] = true
		if err := checkText(at+": href", a.Href); err != nil {
			return sw, err
		}
		if a.Current {
			current++
		}
		if a.Lang == "x-default" {
			if a.Current {
				return sw, fmt.Errorf("%s: x-default cannot be the current page", at)
			}
			continue
		}
		if err := checkText(at+": name", a.Name); err != nil {
			return sw, err
		}
		sw.Items = append(sw.Items, a)
		if !a.Current {
			sw.Any = true
		}
	}
	if current > 1 {
		return sw, fmt.Errorf("%s: %d alternates are marked current, want at most one", what, current)
	}
	if sw.Any {
		if err := checkText(what+": alternates label", label); err != nil {
			return sw, err
		}
	}
	sw.Label = label
	return sw, nil
}

// errPercent is wrapped by the errors for percentages out of range.
var errPercent = errors.New("percent must be a number from 0 to 100")

// checkPercent reports an error unless 0 <= p <= 100.
func checkPercent(what string, p float64) error {
	if !(p >= 0 && p <= 100) { // also catches NaN
		return fmt.Errorf("%s: %w, got %v", what, errPercent, p)
	}
	return nil
}
