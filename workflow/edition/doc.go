// Package edition turns an assembled article into the files of an edition:
// Markdown with front matter, and the article body rendered to HTML, with
// the language's UI strings (go-i18n, CLDR plural rules) and casing (x/text).
//
// Segments that are shown in another language than the edition's (a
// fallback) are marked in the Markdown body with Mark, and come out of HTML
// as <span lang="…">…</span>, so browsers, screen readers and hyphenation
// treat them right.
package edition
