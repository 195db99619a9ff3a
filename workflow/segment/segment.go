package segment

import (
	"bytes"
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
	// KindHTML is text inside a raw HTML block.
	KindHTML Kind = "html"
	// KindShortcode is text inside a Hugo shortcode block whose content
	// Hugo passes on as it is ({{< name >}}…{{< /name >}}): read as HTML.
	KindShortcode Kind = "shortcode"
	// KindAttribute is the value of an HTML attribute that people read:
	// alt, title, aria-label or placeholder.
	KindAttribute Kind = "attribute"
	// KindLinkTitle is the title of a Markdown link or image:
	// [text](url "title").
	KindLinkTitle Kind = "link-title"
)

// Context says where the text of a segment stands in the document, and so
// how Render escapes a translation of it.
type Context string

// The contexts of segment texts.
const (
	// ContextMarkdown is Markdown text (the zero Context): a translation is
	// backslash-escaped so that it reads as text.
	ContextMarkdown Context = ""
	// ContextHTML is text between HTML tags: a translation is written with
	// &, < and > as character references.
	ContextHTML Context = "html"
	// ContextAttribute is a quoted HTML attribute value: as ContextHTML,
	// and both quotes as references too.
	ContextAttribute Context = "attribute"
	// ContextUnquotedAttribute is an HTML attribute value without quotes:
	// as ContextAttribute, and white space, "=" and "`" as references.
	ContextUnquotedAttribute Context = "unquoted-attribute"
	// ContextTitle is the title of a Markdown link or image: quotes,
	// parentheses and backslashes are backslash-escaped.
	ContextTitle Context = "title"
)

// Options control Split.
type Options struct {
	// Lang is the language of the text; it picks the sentence rules.
	Lang language.Tag
	// Unit is how finely blocks are cut.
	Unit Unit
	// Plain treats the input as plain text: paragraphs separated by blank
	// lines, no Markdown. A line without end punctuation before a line that
	// starts like a sentence (a heading, a list-like line) ends a segment,
	// and a run of spaces is one space in the segment's text.
	Plain bool
	// MaxDepth is the deepest nesting of block quotes, lists and inline
	// markup that Split reads; deeper input is refused with a DepthError.
	// 0 means DefaultMaxDepth.
	MaxDepth int
}

// DefaultMaxDepth is the nesting limit when Options.MaxDepth is 0: far
// deeper than any article, shallow enough that Split stays linear.
const DefaultMaxDepth = 100

// Warning is something in the source that Split read but that its author
// probably did not mean.
type Warning struct {
	// Line is the 1-based line the warning is about.
	Line int
	// Msg says what is wrong and how to fix it.
	Msg string
}

func (w Warning) String() string { return fmt.Sprintf("%d: %s", w.Line, w.Msg) }

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
	// Context says how the text stands in the document: Markdown text
	// (the zero value), HTML text, an HTML attribute or a link title.
	Context Context `json:",omitempty"`
	// Parent is 1 + the index of the segment in whose markup this one
	// stands (the title of a link, the alt text of an image tag inside a
	// sentence), or 0. A nested segment's bytes are Source[In.Start:In.End];
	// its own Start and End are both its parent's End, so that segments
	// stay in document order and never overlap. AssembleFunc writes it
	// inside its parent's markup, never at its Start.
	Parent int `json:",omitempty"`
	// In is where a nested segment's bytes are; nil for the others.
	In *Span `json:",omitempty"`
	// Slots are the nested segments inside this segment's placeholders.
	Slots []Slot `json:",omitempty"`
}

// Span is a range of bytes of the source.
type Span struct {
	Start, End int
}

// Slot is a nested segment inside the markup of a placeholder.
type Slot struct {
	// Segment is the index of the nested segment.
	Segment int
	// Code is the ID of the placeholder whose markup holds it; Close says
	// that it is in the closing markup (Code.Close) rather than Code.Open.
	Code  int
	Close bool `json:",omitempty"`
	// Start and End delimit the nested segment's source in that markup.
	Start, End int
}

// Doc is a document cut into a skeleton and segments.
type Doc struct {
	// Source is the document as given to Split.
	Source []byte
	// Segments are in document order.
	Segments []Segment
	// Warnings are in line order: for example a paragraph that Markdown
	// reads as a numbered list only because its first sentence starts with
	// a number ("42. yıl…").
	Warnings []Warning
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

// ControlError reports a character that has no place in an article and
// that could hide or reorder text: a C0 control character other than tab,
// line feed and carriage return (NUL included), or a Unicode bidirectional
// embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
type ControlError struct {
	// Line is the 1-based line of the character.
	Line int
	// Offset is its byte offset.
	Offset int
	// Rune is the character.
	Rune rune
}

func (e *ControlError) Error() string {
	if e.Rune >= 0x202a {
		return fmt.Sprintf("%d: bidirectional control character U+%04X at byte offset %d can show text in another order than it is stored: remove it", e.Line, e.Rune, e.Offset)
	}
	return fmt.Sprintf("%d: control character U+%04X at byte offset %d: remove it", e.Line, e.Rune, e.Offset)
}

// DepthError reports block quotes, lists or inline markup nested deeper
// than Options.MaxDepth.
type DepthError struct {
	// Line is the 1-based line where the nesting goes too deep.
	Line int
	// Depth is the nesting found there, at least Max+1; Max is the limit.
	Depth, Max int
}

func (e *DepthError) Error() string {
	return fmt.Sprintf("%d: block quotes, lists or inline markup nested %d levels deep; at most %d are read: flatten the nesting", e.Line, e.Depth, e.Max)
}

// Split cuts src into skeleton and segments.
func Split(src []byte, opts Options) (*Doc, error) {
	if err := check(src, opts); err != nil {
		return nil, err
	}
	doc, _, err := split(src, opts, nil)
	return doc, err
}

// check refuses what Split refuses before it reads the document: bytes
// that are not UTF-8, control characters, and Markdown blocks nested
// deeper than the limit.
func check(src []byte, opts Options) error {
	if off := invalidUTF8(src); off >= 0 {
		return &EncodingError{Line: newLineIndex(src).line(off), Offset: off}
	}
	if off, r := controlChar(src); off >= 0 {
		return &ControlError{Line: newLineIndex(src).line(off), Offset: off, Rune: r}
	}
	if !opts.Plain {
		if line, depth := blockDepth(src, opts.maxDepth()); line > 0 {
			return &DepthError{Line: line, Depth: depth, Max: opts.maxDepth()}
		}
	}
	return nil
}

// split is Split after check; it also returns the number of blocks read.
// The segments are appended to into[:0] when into has room.
func split(src []byte, opts Options, into []Segment) (*Doc, int, error) {
	b := newBuilder(src, opts, into)
	var err error
	if opts.Plain {
		err = b.plain()
	} else {
		err = b.markdown()
	}
	if err != nil {
		return nil, 0, err
	}
	// Footnote definitions come last in goldmark's tree, wherever they
	// stand; a nested segment sits at its parent's End, before a segment
	// that starts there.
	// Most documents give their segments in order already: a stable sort
	// of sorted segments changes nothing, and moving 100-byte values costs.
	less := func(i, j int) bool {
		s, t := &b.segments[i], &b.segments[j]
		if s.Start != t.Start {
			return s.Start < t.Start
		}
		if s.End != t.End {
			return s.End < t.End
		}
		return s.In != nil && t.In != nil && s.In.Start < t.In.Start
	}
	if !sort.SliceIsSorted(b.segments, less) {
		sort.SliceStable(b.segments, less)
	}
	sort.SliceStable(b.warnings, func(i, j int) bool { return b.warnings[i].Line < b.warnings[j].Line })
	b.resolveNested()
	return &Doc{Source: src, Segments: b.segments, Warnings: b.warnings}, b.block, nil
}

// newBuilder returns a builder for src whose segments are appended to
// into[:0] when into has room.
func newBuilder(src []byte, opts Options, into []Segment) *builder {
	b := &builder{src: src, str: new(string), mask: src, opts: opts, splitter: newSentenceSplitter(opts.Lang), lines: newLineIndex(src)}
	// About one segment per 100 bytes of news text, and no more than a
	// sample's worth at first: add grows the slice to what the text read so
	// far predicts for the whole.
	b.segments = into[:0]
	if cap(into) == 0 {
		b.segments = make([]Segment, 0, min(len(src)/100+8, 2048))
	}
	return b
}

// controlChar returns the offset of the first control character that
// ControlError describes, and the character, or -1.
func controlChar(src []byte) (int, rune) {
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c >= 0x20 && c != 0xe2:
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' {
				return i, rune(c)
			}
		case i+2 < len(src):
			// U+202A..U+202E are E2 80 AA..AE, U+2066..U+2069 are E2 81 A6..A9
			c1, c2 := src[i+1], src[i+2]
			if c1 == 0x80 && c2 >= 0xaa && c2 <= 0xae || c1 == 0x81 && c2 >= 0xa6 && c2 <= 0xa9 {
				return i, rune(0x2000 | rune(c1&0x3f)<<6 | rune(c2&0x3f))
			}
		}
	}
	return -1, 0
}

// add appends s to the segments. Once the first guess at their number
// proves short, the slice grows to the number that the text read so far
// predicts for the whole source (by a quarter at least, and to no more
// than a segment for every two bytes), so that it is copied about once,
// not once for every quarter more.
func (b *builder) add(s Segment) {
	if n := len(b.segments); n == cap(b.segments) && n >= 1024 {
		done := max(b.far, s.End, 1)
		want := int(int64(n) * int64(len(b.src)) / int64(done))
		want = min(want+want/8+64, len(b.src)/2+8)
		grown := make([]Segment, n, max(want, n+n/4))
		copy(grown, b.segments)
		b.segments = grown
	}
	b.far = max(b.far, s.End)
	b.segments = append(b.segments, s)
}

func (b *builder) maxDepth() int { return b.opts.maxDepth() }

func (o Options) maxDepth() int {
	if o.MaxDepth > 0 {
		return o.MaxDepth
	}
	return DefaultMaxDepth
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

// lineIndex finds the line of a byte offset. Segments come mostly in
// source order, so it counts line breaks forward from the last offset it
// was asked about; only an offset before that one needs the offsets of all
// line starts, which it then finds once.
type lineIndex struct {
	src    []byte
	off    int   // the furthest offset asked about so far
	n      int   // line breaks in src[:off]
	starts []int // offsets where lines start, after the first; nil until needed
}

func newLineIndex(src []byte) *lineIndex {
	return &lineIndex{src: src}
}

// line returns the 1-based line number of byte offset off.
func (x *lineIndex) line(off int) int {
	off = max(0, min(off, len(x.src)))
	if off >= x.off {
		x.n += bytes.Count(x.src[x.off:off], newline)
		x.off = off
		return x.n + 1
	}
	if x.starts == nil {
		x.starts = make([]int, 0, x.n+bytes.Count(x.src[x.off:], newline))
		for i := 0; ; {
			k := bytes.IndexByte(x.src[i:], '\n')
			if k < 0 {
				break
			}
			i += k + 1
			x.starts = append(x.starts, i)
		}
	}
	return sort.SearchInts(x.starts, off+1) + 1
}

var newline = []byte{'\n'}

// hasWords reports whether text outside placeholders holds a letter,
// that is, whether there is anything to translate.
func hasWords(text string) bool {
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			return true
		case c == '<':
			if _, _, n := placeholderAt(text, i); n > 0 {
				i += n
				continue
			}
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) {
				return true
			}
			i += size
			continue
		}
		i++
	}
	return false
}
