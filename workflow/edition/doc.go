// Package edition turns an assembled article into the files of an edition:
// Markdown with front matter, and the article body rendered to HTML, with
// the language's UI strings (go-i18n, CLDR plural rules) and casing (x/text).
//
// Segments that are shown in another language than the edition's (a
// fallback) are marked in the Markdown body with Mark, and come out of HTML
// as <span lang="…">…</span>, so browsers, screen readers and hyphenation
// treat them right.
//
// UI strings are go-i18n messages, which go-i18n renders as Go
// text/template templates. CheckUIFile and CheckUIMessage keep them to
// plain text and {{.Name}} references, and refuse every other action
// ({{range}}, {{template}}, function calls, …), so that a UI string in a
// workspace cannot make a build run for ever:
//
//	if err := edition.CheckUIFile("locales/kk/ui.kk.toml", data); err != nil {
//		return err // locales/kk/ui.kk.toml:12: UI string "edition_coverage" (plural form "other"): {{range}} is not allowed; …
//	}
package edition
