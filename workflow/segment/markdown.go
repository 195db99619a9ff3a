package segment

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tilmash/tilmash/workflow/segment/sentence"
)

// Markdown returns the goldmark configuration tilmash reads and renders
// articles with: CommonMark plus GFM tables, strikethrough and footnotes.
// Raw HTML is not rendered (goldmark's default), so text can never become
// markup. It is built once: setting goldmark up costs more than parsing an
// article, and a configured goldmark is safe for concurrent use.
func Markdown() goldmark.Markdown { return markdown() }

var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(Extensions()...))
})

// Extensions are the goldmark extensions of tilmash's Markdown: GFM tables
// and strikethrough, and footnotes.
func Extensions() []goldmark.Extender {
	return []goldmark.Extender{extension.Table, extension.Strikethrough, extension.Footnote}
}

type pieceKind int

const (
	pieceText       pieceKind = iota // text, maybe unescaped from its source
	pieceSpace                       // white space standing for a line break
	pieceOpen                        // opening markup of a paired code
	pieceClose                       // closing markup of a paired code
	pieceStandalone                  // markup standing alone
)

// piece is a run of a block: its source bytes and what a translator sees.
type piece struct {
	kind       pieceKind
	ident      bool   // a text piece that is its source bytes: text is src[start:end]
	text       string // for the other text and space pieces
	start, end int    // source bytes
	code       int    // index into builder.codes for markup pieces
}

// identity reports whether p is text that reads as its source bytes, so
// that a sentence boundary may fall inside it.
func (p piece) identity() bool { return p.ident }

// textPiece returns the text piece for src[start:end] read as text.
func textPiece(src []byte, start, end int, text string) piece {
	if end-start == len(text) && string(src[start:end]) == text {
		return piece{kind: pieceText, ident: true, start: start, end: end}
	}
	return piece{kind: pieceText, text: text, start: start, end: end}
}

type blockCode struct {
	paired      bool
	open, close string
	sc          int   // 1 + the index of the shortcode tag the code is, or 0
	kids        []int // pending nested segments in its markup (builder.pend)
}

type builder struct {
	src      []byte
	str      *string     // src as a string once sourceText makes it; shared with nested builders
	mask     []byte      // src as goldmark reads it: shortcodes masked
	sc       *shortcodes // nil when the document has none
	ctx      Context     // the context of the block being built
	pend     []pending   // nested segments of the block being built
	nested   bool        // some segment is nested in another
	region   int         // the next shortcode region to read
	lines    *lineIndex
	opts     Options
	splitter splitter
	segments []Segment
	far      int // the furthest End of a segment so far
	block    int

	// the block being built
	pieces []piece
	codes  []blockCode
	cursor int
	hard   bool // the last text ended with a hard line break
	pipes  bool // "|" is markup: a line of the block looks like a table's delimiter row
	depth  int  // nesting of the inline node being read

	// buffers reused from block to block
	at    []int
	idOf  []int
	buf   []byte
	stext []byte
	spans []sentence.Span
	paras []Span // plain paragraphs of a Markdown part (splitMarkdownPart)

	warnings []Warning
}

func (b *builder) markdown() error {
	b.sc, b.mask = findShortcodes(b.src)
	root := Markdown().Parser().Parse(text.NewReader(b.mask))
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if l, ok := n.(*ast.List); ok {
			b.checkList(l)
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock, east.KindTableCell:
		case ast.KindHTMLBlock:
			if n.Lines().Len() > 0 {
				b.regions(n.Lines().At(0).Start)
				b.htmlBlock(n.(*ast.HTMLBlock))
			}
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		if lines.Len() == 0 {
			return ast.WalkSkipChildren, nil
		}
		start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
		b.regions(start)
		b.reset(start)
		b.pipes = n.Kind() != east.KindTableCell && delimiterRow(b.mask, lines)
		if err := b.inlines(n, end); err != nil {
			return ast.WalkStop, err
		}
		if b.cursor < end {
			b.gap(b.cursor, end)
		}
		b.flush(kindOf(n))
		b.adopt()
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		return err
	}
	b.regions(len(b.src))
	return nil
}

func kindOf(n ast.Node) Kind {
	switch n.Kind() {
	case ast.KindHeading:
		return KindHeading
	case east.KindTableCell:
		return KindCell
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case east.KindFootnote:
			return KindFootnote
		case ast.KindListItem:
			return KindItem
		case ast.KindBlockquote:
			return KindQuote
		}
	}
	return KindParagraph
}

func (b *builder) reset(start int) {
	b.pieces = b.pieces[:0]
	clear(b.codes)
	b.codes = b.codes[:0]
	b.cursor = start
	b.hard = false
	b.pipes = false
}

// startOf returns the source offset where n begins, or -1 for nodes made up
// by the parser (footnote back links).
func startOf(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	return n.Pos()
}

func (b *builder) errorf(at int, format string, args ...any) error {
	return &MarkupError{Line: b.lines.line(at), Msg: fmt.Sprintf(format, args...)}
}

// inlines walks the inline children of parent; limit is where the parent's
// content ends.
func (b *builder) inlines(parent ast.Node, limit int) error {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		start := startOf(c)
		if start < 0 {
			continue
		}
		if start < b.cursor || start > limit {
			return b.errorf(start, "cannot place %s inline markup in the source", c.Kind())
		}
		if start > b.cursor {
			b.gap(b.cursor, start)
		}
		next := -1
		for s := c.NextSibling(); s != nil; s = s.NextSibling() {
			if next = startOf(s); next >= 0 {
				break
			}
		}
		end := limit
		if next >= 0 {
			end = next
		}
		if t, ok := c.(*ast.Text); ok {
			b.text(t.Segment.Start, t.Segment.Stop)
			b.cursor = t.Segment.Stop
			b.hard = t.HardLineBreak()
			continue
		}
		b.hard = false
		if err := b.node(c, start, end); err != nil {
			return err
		}
	}
	return nil
}

// node adds an inline node other than text, which starts at start and ends
// at or before end.
func (b *builder) node(n ast.Node, start, end int) error {
	first := -1
	if n.Kind() != ast.KindCodeSpan {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if first = startOf(c); first >= 0 {
				break
			}
		}
	}
	if first < 0 {
		stop := b.leafEnd(n, start, end)
		if stop < start || stop > end {
			return b.errorf(start, "cannot find the end of %s", n.Kind())
		}
		b.addStandalone(start, stop)
		b.linkTitle(n, len(b.codes)-1, start, stop, false)
		b.cursor = stop
		return nil
	}
	if first < start || first > end {
		return b.errorf(start, "cannot find the text of %s", n.Kind())
	}
	if b.depth++; b.depth > b.maxDepth() {
		return &DepthError{Line: b.lines.line(start), Depth: b.depth, Max: b.maxDepth()}
	}
	defer func() { b.depth-- }()
	idx := len(b.codes)
	b.codes = append(b.codes, blockCode{paired: true, open: string(b.src[start:first])})
	b.pieces = append(b.pieces, piece{kind: pieceOpen, start: start, end: first, code: idx})
	b.cursor = first
	if err := b.inlines(n, end); err != nil {
		return err
	}
	stop := b.containerEnd(n, end)
	if stop < b.cursor || stop > end {
		return b.errorf(start, "cannot find the end of %s", n.Kind())
	}
	b.codes[idx].close = string(b.src[b.cursor:stop])
	b.linkTitle(n, idx, b.cursor, stop, true)
	b.pieces = append(b.pieces, piece{kind: pieceClose, start: b.cursor, end: stop, code: idx})
	b.cursor = stop
	return nil
}

// containerEnd returns where a node with text inside ends, the cursor being
// at the end of its last child.
func (b *builder) containerEnd(n ast.Node, end int) int {
	switch n := n.(type) {
	case *ast.Emphasis:
		return b.cursor + n.Level
	case *east.Strikethrough:
		// closed by as many tildes as opened it
		ticks := 0
		for i := n.Pos(); i < end && b.mask[i] == '~'; i++ {
			ticks++
		}
		return b.cursor + ticks
	case *ast.Link, *ast.Image:
		if n.NextSibling() != nil {
			return end
		}
		return linkCloseEnd(b.mask, b.cursor, end)
	}
	return end
}

// leafEnd returns where an inline node without text ends.
func (b *builder) leafEnd(n ast.Node, start, end int) int {
	switch n := n.(type) {
	case *ast.CodeSpan:
		i := start
		for i < end && b.mask[i] == '`' {
			i++
		}
		ticks := i - start
		for i < end {
			if b.mask[i] != '`' {
				i++
				continue
			}
			j := i
			for j < end && b.mask[j] == '`' {
				j++
			}
			if j-i == ticks {
				return j
			}
			i = j
		}
		return -1
	case *ast.AutoLink:
		if i := bytes.IndexByte(b.mask[start:end], '>'); i >= 0 {
			return start + i + 1
		}
		return -1
	case *ast.RawHTML:
		if n.Segments.Len() == 0 {
			return -1
		}
		return n.Segments.At(n.Segments.Len() - 1).Stop
	case *ast.Link, *ast.Image:
		// no text inside: "[](url)" or "![](src)"
		i := start + 1
		if n.Kind() == ast.KindImage {
			i++
		}
		if n.NextSibling() != nil {
			return end
		}
		return linkCloseEnd(b.mask, i, end)
	case *east.FootnoteLink:
		if i := bytes.IndexByte(b.mask[start:end], ']'); i >= 0 {
			return start + i + 1
		}
		return -1
	}
	return end
}

// linkCloseEnd scans the closing part of a link that goldmark accepted,
// starting at its "]": "](destination "title")", "][label]", "[]" or "]".
func linkCloseEnd(src []byte, i, end int) int {
	if i >= end || src[i] != ']' {
		return -1
	}
	i++
	if i >= end {
		return i
	}
	switch src[i] {
	case '(':
		depth := 0
		var quote byte
		for ; i < end; i++ {
			c := src[i]
			switch {
			case c == '\\':
				i++
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				if depth == 1 {
					quote = c
				}
			case c == '<' && depth == 1:
				for i++; i < end && src[i] != '>'; i++ {
					if src[i] == '\\' {
						i++
					}
				}
			case c == '(':
				depth++
			case c == ')':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	case '[':
		for j := i + 1; j < end; j++ {
			switch src[j] {
			case '\\':
				j++
			case ']':
				return j + 1
			}
		}
		return -1
	}
	return i
}

// gap adds the source between two inline nodes: a soft line break (with the
// prefix of the next line), a hard line break, or other markup.
func (b *builder) gap(start, end int) {
	raw := b.src[start:end]
	soft := !b.hard && bytes.ContainsAny(raw, "\r\n")
	for _, c := range raw {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '>' {
			soft = false
		}
	}
	if soft {
		b.pieces = append(b.pieces, piece{kind: pieceSpace, text: " ", start: start, end: end})
	} else if len(bytes.TrimSpace(raw)) == 0 && !b.hard {
		b.pieces = append(b.pieces, piece{kind: pieceText, ident: true, start: start, end: end})
	} else {
		b.addStandalone(start, end)
	}
	b.cursor = end
	b.hard = false
}

func (b *builder) addStandalone(start, end int) {
	c := blockCode{open: string(b.src[start:end])}
	if u, ok := b.sc.unitAt(start, end); ok && !u.pair {
		c.sc = u.tag + 1
	}
	b.codes = append(b.codes, c)
	b.pieces = append(b.pieces, piece{kind: pieceStandalone, start: start, end: end, code: len(b.codes) - 1})
}

// text adds the source text src[start:end] of a Markdown text node,
// unescaping backslash escapes and character references.
func (b *builder) text(start, end int) {
	b.literal(start, end, true)
}

// literal adds source text; with markdown set, escapes and references are
// resolved. Without it (plain text), a line break is written "\n" for the
// sentence splitter and a run of spaces or a tab is one space.
func (b *builder) literal(start, end int, markdown bool) {
	src := b.src
	run := start
	flush := func(i int) {
		if i > run {
			b.pieces = append(b.pieces, piece{kind: pieceText, ident: true, start: run, end: i})
		}
	}
	lineBreak := " "
	if !markdown {
		lineBreak = "\n"
	}
	// shortcodes are markup wherever goldmark left them in text
	sc := b.sc
	if !markdown {
		sc = nil
	}
	units := sc.cursorFrom(start, len(src))
	for i := start; i < end; {
		if markdown {
			// Markdown text: skip the bytes that no case below reads, up
			// to the next shortcode unit.
			stop := min(end, units.next)
			for i < stop {
				if c := src[i]; c != '\n' && c != '\r' && c != '<' && c != '\\' && c != '&' && c != 0xef && c != '|' {
					i++
					continue
				}
				break
			}
			if i == end {
				break
			}
		} else {
			// Plain text: skip the bytes that no case below reads, that
			// is all but line breaks, tabs, runs of spaces, "<" and the
			// first byte of a byte-order mark.
			for i < end {
				if c := src[i]; c > ' ' && c != '<' && c != 0xef || c == ' ' && (i+1 == end || src[i+1] != ' ' && src[i+1] != '\t') {
					i++
					continue
				}
				break
			}
			if i == end {
				break
			}
		}
		if i >= units.next {
			flush(i)
			stop := units.take(end)
			b.addStandalone(i, stop)
			i, run = stop, stop
			continue
		}
		c := src[i]
		switch {
		case c == '\r' || c == '\n':
			j, k := i, i
			for j > run && (src[j-1] == ' ' || src[j-1] == '\t') {
				j--
			}
			for k < end && (src[k] == ' ' || src[k] == '\t' || src[k] == '\r' || src[k] == '\n') {
				k++
			}
			flush(j)
			b.pieces = append(b.pieces, piece{kind: pieceSpace, text: lineBreak, start: j, end: k})
			i, run = k, k
		case !markdown && (c == ' ' || c == '\t') && i+1 < end && (c == '\t' || src[i+1] == ' ' || src[i+1] == '\t'):
			// a run of spaces in plain text is one space for the translator
			k := i
			for k < end && (src[k] == ' ' || src[k] == '\t') {
				k++
			}
			if k < end && (src[k] == '\r' || src[k] == '\n') {
				i = k // trailing spaces go with the line break
				continue
			}
			flush(i)
			b.pieces = append(b.pieces, piece{kind: pieceSpace, text: " ", start: i, end: k})
			i, run = k, k
		case c == 0xef && i+2 < end && src[i+1] == 0xbb && src[i+2] == 0xbf:
			// a byte-order mark is no text
			flush(i)
			b.pieces = append(b.pieces, piece{kind: pieceSpace, text: " ", start: i, end: i + 3})
			i, run = i+3, i+3
		case c == '<' && i+1 < end && (markdown && (src[i+1] == '/' || isDigit(src[i+1])) || !markdown && placeholderLike(src[i:end])):
			// a literal "<" that would read as a placeholder becomes one;
			// in plain text "<11 g/dL" stays text
			flush(i)
			b.addStandalone(i, i+1)
			i, run = i+1, i+1
		case markdown && c == '\\' && i+1 < end && util.IsPunct(src[i+1]) && i+1 != units.next:
			flush(i)
			if src[i+1] == '<' && mayNumber(src[i+2:end]) {
				b.addStandalone(i, i+2) // "\<1>" would read as a placeholder
			} else {
				b.pieces = append(b.pieces, piece{kind: pieceText, text: string(src[i+1]), start: i, end: i + 2})
			}
			i, run = i+2, i+2
		case markdown && c == '|' && b.pipes:
			// Escaping it would change the number of cells of a line
			// that, with the delimiter-like line below, may become a
			// table's head: it stays as it is.
			flush(i)
			b.addStandalone(i, i+1)
			i, run = i+1, i+1
		case markdown && c == '&':
			n := referenceLen(src[i:end])
			if n == 0 {
				i++
				continue
			}
			flush(i)
			ref := src[i : i+n]
			value := string(util.ResolveEntityNames(util.ResolveNumericReferences(ref)))
			if value == "<" {
				b.addStandalone(i, i+n)
			} else {
				b.pieces = append(b.pieces, textPiece(src, i, i+n, value))
			}
			i, run = i+n, i+n
		default:
			i++
		}
	}
	flush(end)
}

// delimiterRow reports whether a line of a block after its first looks
// like the delimiter row of a GFM table ("---|:--:", "-|"): white space,
// "-", ":" and "|" only, with a "-" and a "|". Whether the block reads as a
// table then hangs on how many cells the line above it has.
func delimiterRow(src []byte, lines *text.Segments) bool {
	for k := 1; k < lines.Len(); k++ {
		seg := lines.At(k)
		if delimiterLike(seg.Value(src)) {
			return true
		}
	}
	return false
}

func delimiterLike(line []byte) bool {
	dash, pipe := false, false
	for _, c := range line {
		switch c {
		case '-':
			dash = true
		case '|':
			pipe = true
		case ':', ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return dash && pipe
}

// mayNumber reports whether s, after an escaped "<", starts a
// placeholder's number: a digit, maybe after "/".
func mayNumber(s []byte) bool {
	if len(s) > 0 && s[0] == '/' {
		s = s[1:]
	}
	return len(s) > 0 && isDigit(s[0])
}

// placeholderLike reports whether s starts with <N>, </N> or <N/>.
func placeholderLike(s []byte) bool {
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	d := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i > d && i < len(s) && (s[i] == '>' || s[i] == '/' && d == 1 && i+1 < len(s) && s[i+1] == '>')
}

// referenceLen returns the length of the HTML character reference at the
// start of s ("&amp;", "&#123;", "&#x1F;"), or 0.
func referenceLen(s []byte) int {
	if len(s) < 3 || s[0] != '&' {
		return 0
	}
	i := 1
	if s[1] == '#' {
		i = 2
		hex := i < len(s) && (s[i] == 'x' || s[i] == 'X')
		if hex {
			i++
		}
		d := i
		for i < len(s) && i-d < 7 && (isDigit(s[i]) || hex && isHex(s[i])) {
			i++
		}
		if i == d || i >= len(s) || s[i] != ';' {
			return 0
		}
		return i + 1
	}
	for i < len(s) && i < 33 && (isDigit(s[i]) || s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z') {
		i++
	}
	if i == 1 || i >= len(s) || s[i] != ';' {
		return 0
	}
	if _, ok := util.LookUpHTML5EntityByName(string(s[1:i])); !ok {
		return 0
	}
	return i + 1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }

// plain cuts plain text: paragraphs are separated by blank lines.
func (b *builder) plain() error {
	src := b.src
	start := -1
	lineStart := 0
	for lineStart <= len(src) {
		lineEnd := bytes.IndexByte(src[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src)
		} else {
			lineEnd += lineStart
		}
		blank := len(bytes.TrimSpace(src[lineStart:lineEnd])) == 0
		if !blank && start < 0 {
			start = lineStart
		}
		if blank && start >= 0 {
			b.plainBlock(start, lineStart)
			start = -1
		}
		lineStart = lineEnd + 1
	}
	if start >= 0 {
		b.plainBlock(start, len(src))
	}
	return nil
}

func (b *builder) plainBlock(start, end int) {
	for end > start && isSpaceByte(b.src[end-1]) {
		end--
	}
	b.reset(start)
	b.literal(start, end, false)
	b.flush(KindParagraph)
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// appendPlaceholder appends the placeholder text of a markup piece: <N>,
// </N> or <N/>.
func appendPlaceholder(buf []byte, kind pieceKind, id int) []byte {
	buf = append(buf, '<')
	if kind == pieceClose {
		buf = append(buf, '/')
	}
	buf = strconv.AppendInt(buf, int64(id), 10)
	if kind == pieceStandalone {
		buf = append(buf, '/')
	}
	return append(buf, '>')
}
