// Package tmx reads and writes TMX 1.4 documents (Translation Memory
// eXchange, LISA OSCAR), the format in which CAT tools keep and trade
// translation memories, for tilmash memory export and import. It works on
// bytes and io.Writers only and knows nothing of workspaces or catalogs:
// package workflow builds a Document from the current and remembered
// translations, and adds the units of a Document it reads to the
// translation memories.
//
// A Document holds Units (TMX <tu>), each with a source language and one
// Variant (TMX <tuv>) per language. The text of a variant is tilmash
// placeholder text, as package segment defines it: "<N>…</N>" stands for
// paired markup and "<N/>" for standalone markup. Write turns them into
// TMX's inline elements, so that a CAT tool's memory matches tilmash's
// segments tag for tag:
//
//	<1>the TSO</1>  →  <bpt i="1" x="1">&lt;1&gt;</bpt>the TSO<ept i="1">&lt;/1&gt;</ept>
//	<2/>            →  <ph x="2">&lt;2/&gt;</ph>
//
// A placeholder that opens (or closes) without its pair becomes <it
// pos="begin"> (or pos="end"). Read turns them back, and reads what other
// tools write: <bpt>/<ept> paired by i and numbered by x (or, without a
// usable x, in order of appearance), <it>, <ph>, the deprecated <ut>, and
// <hi>, whose text it keeps:
//
//	doc, err := tmx.Read(data)
//	// doc.Units[0].Variants[1].Text == "Өткен күзде біз <1>ТМҰ</1> туралы жаздық."
//
// Write is deterministic: units and variants in the order given, no
// timestamp but those the variants carry, and the header without a
// creation date (the DTD leaves it optional). What Write writes is valid
// against the TMX 1.4 DTD, and Read gives back the Document written.
//
// Read checks what a reader depends on (a <tmx> root with a <header> and
// a <body>, a language on every <tuv>, one <seg> in each, inline elements
// that pair up, dates in TMX's form) and returns the first problem as an
// *Error with its line.
package tmx
