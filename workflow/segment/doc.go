// Package segment cuts a Markdown document into a skeleton and translatable
// segments, and assembles the document back from translated segments.
//
// Split parses the document with goldmark. Headings, paragraphs, list items,
// block quotes, table cells and footnotes hold translatable text; code blocks,
// HTML blocks, link reference definitions and front matter stay in the
// skeleton. Inside a block, inline markup becomes numbered placeholders that a
// translator can move but not break:
//
//	<1>link text</1>   paired markup: emphasis, strong, strike, link, image alt
//	<2/>               standalone markup: inline code, autolink, raw HTML, hard break
//
// The text of each block is then split into sentences by package sentence,
// by the rules of the document's language (or kept whole, with UnitParagraph).
//
// Assemble writes the skeleton back with a text for every segment. A segment
// given its own Text is written with its exact source bytes, so
//
//	Assemble(doc, doc.Own) == source
//
// byte for byte. A translated text is rendered: its placeholders become the
// original markup and everything else is escaped, so a translation is always
// text and never new markup.
package segment
