package segment

import (
	"fmt"
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Unit says how finely a block of text is cut.
type Unit int

const (
	// UnitSentence cuts every block into sentences (the default).
	UnitSentence Unit = iota
	// UnitParagraph keeps every block whole, as po4a does.
	UnitParagraph
)

// ParseUnit reads a unit name as written in tilmash.toml: "sentence" or "paragraph".
func ParseUnit(s string) (Unit, error) {
	switch s {
	case "", "sentence":
		return UnitSentence, nil
	case "paragraph":
		return UnitParagraph, nil
	}
	return 0, fmt.Errorf("unknown segmentation %q: use \"sentence\" or \"paragraph\"", s)
}

// Kind names the block a segment comes from.
type Kind string

// The kinds of blocks that hold segments.
const (
	KindParagraph Kind = "paragraph"
	KindHeading   Kind = "heading"
	KindItem      Kind = "item"
	KindQuote     Kind = "quote"
	KindCell      Kind = "cell"
	KindFootnote  Kind = "footnote"
)

// Options control Split.
type Options struct {
	// Lang is the language of the text; it picks the sentence rules.
	Lang language.Tag
	// Unit is how finely blocks are cut.
	Unit Unit
	// Plain treats the input as plain text: paragraphs separated by blank
	// lines, no Markdown.
	Plain bool
}

// Code is the original markup behind one placeholder of a segment.
type Code struct {
	// ID is the placeholder's number, counted from 1 within the segment.
	ID int
	// Paired codes wrap text (<1>…</1>); the others stand alone (<1/>).
	Paired bool
	// Open is the markup of a standalone code, or the opening markup of a
	// paired one; Close is the closing markup of a paired one.
	Open, Close string
}

// Segment is one translatable unit of a document.
type Segment struct {
	// Text is what a translator sees: plain text with placeholders.
	Text string
	// Kind is the kind of block the segment comes from.
	Kind Kind
	// Block numbers the segment's block in document order, from 0.
	Block int
	// Start and End delimit the segment's bytes in the source.
	Start, End int
	// Line is the 1-based line of Start in the source.
	Line int
	// Codes are the segment's placeholders, by ID.
	Codes []Code
}

// Doc is a document cut into a skeleton and segments.
type Doc struct {
	// Source is the document as given to Split.
	Source []byte
	// Segments are in document order.
	Segments []Segment
}

// Own returns the segment's own text; Assemble(doc, doc.Own) rebuilds the source.
func (d *Doc) Own(i int) (string, bool) { return d.Segments[i].Text, true }

// EncodingError reports input that is not valid UTF-8.
type EncodingError struct {
	// Line is the 1-based line of the first invalid byte.
	Line int
	// Offset is the byte offset of the first invalid byte.
	Offset int
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("%d: invalid UTF-8 at byte offset %d: save the file as UTF-8", e.Line, e.Offset)
}

// MarkupError reports inline markup that Split cannot map back to the source.
type MarkupError struct {
	// Line is the 1-based line of the block.
	Line int
	// Msg says what went wrong.
	Msg string
}

func (e *MarkupError) Error() string {
	return fmt.Sprintf("%d: %s", e.Line, e.Msg)
}

// Split cuts src into skeleton and segments.
func Split(src []byte, opts Options) (*Doc, error) {
	if off := invalidUTF8(src); off >= 0 {
		return nil, &EncodingError{Line: newLineIndex(src).line(off), Offset: off}
	}
	b := &builder{src: src, opts: opts, splitter: newSentenceSplitter(opts.Lang), lines: newLineIndex(src)}
	var err error
	if opts.Plain {
		err = b.plain()
	} else {
		err = b.markdown()
	}
	if err != nil {
		return nil, err
	}
	// Footnote definitions come last in goldmark's tree, wherever they stand.
	sort.SliceStable(b.segments, func(i, j int) bool { return b.segments[i].Start < b.segments[j].Start })
	return &Doc{Source: src, Segments: b.segments}, nil
}

func invalidUTF8(src []byte) int {
	if utf8.Valid(src) {
		return -1
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// lineIndex finds the line of a byte offset.
type lineIndex []int // offsets where lines start, after the first

func newLineIndex(src []byte) lineIndex {
	var idx lineIndex
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// line returns the 1-based line number of byte offset off.
func (idx lineIndex) line(off int) int {
	return sort.SearchInts(idx, off+1) + 1
}

// hasWords reports whether text outside placeholders holds a letter or digit,
// that is, whether there is anything to translate.
func hasWords(text string) bool {
	for _, t := range Tokenize(text) {
		if t.Kind != TokenText {
			continue
		}
		for _, r := range t.Text {
			if unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}
