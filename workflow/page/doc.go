// Package page renders the HTML pages that tilmash writes: one edition of an
// article in one language ([WriteEdition]), the list of one language's
// editions ([WriteIndex]) and the editor's coverage dashboard
// ([WriteDashboard]).
//
// The package is pure rendering. Callers hand it data that is already
// translated, localized and formatted (titles, "Reading time: 5 minutes",
// dates, the copyright line); page translates nothing and reads no catalog.
// Every string a caller passes is text, never markup: the templates use
// html/template, which escapes it for the context it lands in and replaces
// unsafe URLs (javascript: and the like) with a harmless placeholder. The only
// field that carries markup is [Edition.Body], whose type, template.HTML,
// says the caller has already made it safe (tilmash renders it with goldmark,
// raw HTML disabled).
//
// Each page is one self-contained file: the CSS (and the dashboard's few lines
// of sorting script) are embedded, and nothing is loaded from the network —
// no web fonts, no scripts, no images. The only URLs in the output are the
// ones the caller passed. Pages set a Content-Security-Policy that forbids
// scripts in editions and indexes and allows only the dashboard's own inline
// script there.
//
// Output is deterministic: the same input gives the same bytes, so pages can
// be golden-tested and diffed. Slices are rendered in the order given, no
// map is ever iterated, and no timestamp is written.
//
// A typical use in the build stage:
//
//	e := page.Edition{
//		Lang:   "kk",
//		Title:  "Қазақстан — Түркия: жаңа қадамдар",
//		Meta:   []string{"Ағылшын тілінен аударылған", "Оқу уақыты: 6 минут"},
//		Body:   body, // template.HTML from goldmark
//		Footer: "2015 — 2023 ©. Барлық құқықтар қорғалған.",
//		Alternates: []page.Alternate{
//			{Lang: "en", Name: "English", Href: "../en/kazakhstan-turkey.html"},
//			{Lang: "kk", Name: "Қазақша", Href: "kazakhstan-turkey.html", Current: true},
//		},
//		AlternatesLabel: "Басқа тілдердегі нұсқалары",
//	}
//	if err := page.WriteEdition(w, e); err != nil {
//		return fmt.Errorf("dist/kk/kazakhstan-turkey.html: %w", err)
//	}
//
// Invalid input (an empty title, a malformed language tag, counts that do
// not add up) is an error, never a silently odd page. WriteEdition,
// WriteIndex and WriteDashboard render into memory first, so on error
// nothing is written.
package page
