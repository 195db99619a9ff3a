// Package segment cuts a Markdown document into a skeleton and translatable
// segments, and assembles the document back from translated segments.
//
// Split parses the document with goldmark. Headings, paragraphs, list items,
// block quotes, table cells and footnotes hold translatable text; code blocks,
// link reference definitions and front matter stay in the skeleton. Raw HTML
// blocks are read with golang.org/x/net/html: their text runs are segments
// (Context html), their tags skeleton or placeholders, and the alt, title,
// aria-label and placeholder attributes segments of their own. Hugo
// shortcodes are found before goldmark reads the document (see
// shortcode.go): inline they are placeholders, alone on their lines they are
// skeleton, and the content of a paired one is text (Markdown for {{% %}},
// HTML for {{< >}}) unless it is code (highlight). The title of a link or
// image is a segment nested in the markup of its sentence's placeholder
// (Segment.Parent, Segment.In, Segment.Slots). Inside a block, inline markup becomes numbered placeholders that a
// translator can move but not break:
//
//	<1>link text</1>   paired markup: emphasis, strong, strike, link, image alt
//	<2/>               standalone markup: inline code, autolink, raw HTML, hard break
//
// The text of each block is then split into sentences by package sentence,
// by the rules of the document's language (or kept whole, with UnitParagraph).
//
// Stream gives the same segments as Split a part at a time, for long texts
// that only need their segments (tilmash segment): it cuts the text where
// no Markdown construct reaches across (a blank line before a paragraph,
// outside fenced code, in a text without reference definitions, shortcodes
// or raw HTML), splits the parts on every core, and reads paragraphs of
// words alone without goldmark. Its tests hold it to Split, segment for
// segment, on generated and fuzzed documents.
//
// Assemble writes the skeleton back with a text for every segment. A segment
// given its own Text is written with its exact source bytes, so
//
//	Assemble(doc, doc.Own) == source
//
// byte for byte. A translated text is rendered: its placeholders become the
// original markup and everything else is escaped for the segment's Context
// (Markdown, HTML text, HTML attribute, link title), so a translation is
// always text and never new markup.
package segment
