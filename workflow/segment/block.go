package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/segment/sentence"
)

// splitter finds sentences in the text of a block.
type splitter interface {
	AppendSplit(spans []sentence.Span, text string) []sentence.Span
	AppendSplitLines(spans []sentence.Span, text string) []sentence.Span
	OrdinalNumbers() bool
}

func newSentenceSplitter(tag language.Tag) splitter {
	return sentence.New(tag)
}

// flush turns the pieces of the current block into segments.
func (b *builder) flush(kind Kind) {
	defer func() { b.block++ }()
	if len(b.pieces) == 0 {
		return
	}
	b.pairHTML()
	// The block's text with block-level placeholder numbers, and where each
	// piece starts in it. The splitter reads stext, the same text with line
	// breaks of plain text kept as "\n".
	b.buf, b.stext = b.buf[:0], b.stext[:0]
	at := b.at[:0]
	if cap(at) < len(b.pieces)+1 {
		at = make([]int, 0, 2*len(b.pieces)+1)
	}
	at = at[:len(b.pieces)+1]
	lines := false
	for i, p := range b.pieces {
		at[i] = len(b.buf)
		switch {
		case p.ident:
			b.buf = append(b.buf, b.src[p.start:p.end]...)
		case p.kind == pieceSpace && p.text == "\n":
			lines = true
			b.buf = append(b.buf, ' ')
		case p.kind == pieceText || p.kind == pieceSpace:
			b.buf = append(b.buf, p.text...)
		default:
			b.buf = appendPlaceholder(b.buf, p.kind, p.code+1)
		}
	}
	at[len(b.pieces)] = len(b.buf)
	b.at = at
	var text string
	if b.sourceBytes() {
		text = b.sourceText()[b.pieces[0].start:b.pieces[len(b.pieces)-1].end]
	} else {
		text = string(b.buf)
	}
	stext := text
	if lines {
		b.stext = append(b.stext, b.buf...)
		for i, p := range b.pieces {
			if p.kind == pieceSpace && p.text == "\n" {
				b.stext[at[i]] = '\n'
			}
		}
		stext = string(b.stext)
	}

	spans := b.spans[:0]
	switch {
	case b.opts.Unit == UnitParagraph:
		if s, e := trimSpan(text, 0, len(text)); s < e {
			spans = append(spans, sentence.Span{Start: s, End: e})
		}
	case lines:
		spans = b.splitter.AppendSplitLines(spans, stext)
	default:
		spans = b.splitter.AppendSplit(spans, stext)
	}
	b.spans = spans
	next := 0
	for _, sp := range b.balance(spans, at) {
		next = b.segment(kind, text, at, sp, next)
	}
}

// sourceBytes reports whether the pieces of the block are source bytes
// read as they are, one after the other, so that the block's text is a
// range of the source.
func (b *builder) sourceBytes() bool {
	for i, p := range b.pieces {
		if !p.ident || i > 0 && p.start != b.pieces[i-1].end {
			return false
		}
	}
	return len(b.pieces) > 0
}

// sourceText returns the source as a string, made once for the document:
// the texts of blocks that are ranges of the source share it instead of
// each copying their bytes.
func (b *builder) sourceText() string {
	if *b.str == "" && len(b.src) > 0 {
		*b.str = string(b.src)
	}
	return *b.str
}

// balance widens spans that cut through a piece which cannot be cut (an
// escape, a character reference, a placeholder), then merges neighbouring
// spans that overlap or that would cut a paired code in two. Spans and
// pieces are both in order, so one sweep does.
func (b *builder) balance(spans []sentence.Span, at []int) []sentence.Span {
	p := 0
	for i := range spans {
		s, e := spans[i].Start, spans[i].End
		for p+1 < len(at) && at[p+1] <= s {
			p++
		}
		if p < len(b.pieces) && !b.pieces[p].identity() && at[p] < s {
			spans[i].Start = at[p]
		}
		q := p
		for q+1 < len(at) && at[q+1] < e {
			q++
		}
		if q < len(b.pieces) && !b.pieces[q].identity() && at[q] < e && e < at[q+1] {
			spans[i].End = at[q+1]
		}
	}
	out := spans[:0]
	depth, p := 0, 0
	merging := false
	for _, sp := range spans {
		for p < len(b.pieces) && at[p] < sp.End {
			switch b.pieces[p].kind {
			case pieceOpen:
				depth++
			case pieceClose:
				depth--
			}
			p++
		}
		if n := len(out); n > 0 && (merging || sp.Start < out[n-1].End) {
			out[n-1].End = max(out[n-1].End, sp.End)
		} else {
			out = append(out, sp)
		}
		merging = depth > 0
	}
	return out
}

// segment adds the segment for span sp of the block text; the pieces before
// b.pieces[first] lie before sp. It returns the first piece that may
// overlap the next span.
func (b *builder) segment(kind Kind, text string, at []int, sp sentence.Span, first int) int {
	for first < len(b.pieces) && at[first+1] <= sp.Start {
		first++
	}
	if cap(b.idOf) < len(b.codes) {
		b.idOf = make([]int, len(b.codes))
	}
	idOf := b.idOf[:len(b.codes)]
	var codes []Code
	var slots []Slot
	var kids []int
	start, end := -1, -1
	last := first
	plain := true // the segment's text is text[sp.Start:sp.End]
	for i := first; i < len(b.pieces) && at[i] < sp.End; i++ {
		p := b.pieces[i]
		ps, pe := at[i], at[i+1]
		last = i
		if pe <= sp.Start {
			continue
		}
		s, e := p.start, p.end
		switch p.kind {
		case pieceText, pieceSpace:
			if p.identity() {
				lo, hi := max(sp.Start, ps), min(sp.End, pe)
				s, e = p.start+lo-ps, p.start+hi-ps
			}
		default:
			if idOf[p.code] == 0 {
				c := b.codes[p.code]
				codes = append(codes, Code{ID: len(codes) + 1, Paired: c.paired, Open: c.open, Close: c.close})
				idOf[p.code] = len(codes)
				for _, k := range c.kids {
					kid := &b.pend[k]
					slots = append(slots, Slot{Segment: kid.seg.Start, Code: len(codes), Close: kid.close,
						Start: kid.seg.Start - kid.at, End: kid.seg.End - kid.at})
					kids = append(kids, k)
				}
			}
			if idOf[p.code] != p.code+1 {
				plain = false
			}
		}
		if start < 0 {
			start = s
		}
		end = e
	}
	var t string
	if plain {
		t = text[sp.Start:sp.End]
	} else {
		// Placeholders are numbered from 1 in each segment.
		buf := make([]byte, 0, sp.End-sp.Start+8)
		for i := first; i <= last; i++ {
			p := b.pieces[i]
			ps, pe := at[i], at[i+1]
			if pe <= sp.Start {
				continue
			}
			switch p.kind {
			case pieceText, pieceSpace:
				buf = append(buf, text[max(sp.Start, ps):min(sp.End, pe)]...)
			default:
				buf = appendPlaceholder(buf, p.kind, idOf[p.code])
			}
		}
		t = string(buf)
	}
	for i := first; i <= last && i < len(b.pieces); i++ {
		if p := b.pieces[i]; p.kind != pieceText && p.kind != pieceSpace {
			idOf[p.code] = 0
		}
	}
	if start < 0 || !hasWords(t) {
		return last
	}
	for _, k := range kids {
		b.pend[k].attached, b.pend[k].pstart, b.pend[k].pe = true, start, end
	}
	b.add(Segment{
		Text:    t,
		Kind:    kind,
		Block:   b.block,
		Start:   start,
		End:     end,
		Line:    b.lines.line(start),
		Codes:   codes,
		Context: b.ctx,
		Slots:   slots,
	})
	return last
}

// trimSpan narrows text[s:e] to exclude white space at both ends.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// voidElements never have an end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// htmlTag reads a piece of inline HTML that is exactly one start or end
// tag, and returns its element name.
func htmlTag(raw string) (name string, end, ok bool) {
	if len(raw) < 3 || raw[0] != '<' || raw[len(raw)-1] != '>' || strings.HasSuffix(raw, "/>") {
		return "", false, false
	}
	body := raw[1 : len(raw)-1]
	if end = strings.HasPrefix(body, "/"); end {
		body = body[1:]
	}
	n := 0
	for n < len(body) && (isASCIILetter(body[n]) || n > 0 && (isDigit(body[n]) || body[n] == '-')) {
		n++
	}
	if n == 0 || n < len(body) && !isSpaceByte(body[n]) || end && strings.TrimSpace(body[n:]) != "" || strings.ContainsAny(body, "<>") {
		return "", false, false
	}
	name = strings.ToLower(body[:n])
	return name, end, !voidElements[name]
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// pairHTML turns an inline HTML start tag and its end tag in one block
// (<abbr title="…">…</abbr>) into one paired code, so that a translator
// keeps them in order around the text they wrap. Tags that do not nest
// cleanly with the other markup stay standalone.
func (b *builder) pairHTML() {
	type start struct{ piece, scope int }
	var open map[string][]start
	var order []string // names of the open start tags, innermost last
	// scope is the innermost open paired code: a start tag pairs only
	// with an end tag inside the same one
	var scopes []int
	scope := -1
	for i := range b.pieces {
		p := &b.pieces[i]
		switch p.kind {
		case pieceOpen:
			scopes = append(scopes, scope)
			scope = i
		case pieceClose:
			if n := len(scopes); n > 0 {
				scope, scopes = scopes[n-1], scopes[:n-1]
			}
		case pieceStandalone:
			name, end, ok := htmlTag(b.codes[p.code].open)
			if c := b.codes[p.code]; c.sc > 0 {
				// a shortcode pairs with its closing tag as an element does
				t := b.sc.tags[c.sc-1]
				name, end, ok = "{{"+t.name, t.closing, !t.self
			}
			if !ok {
				continue
			}
			if !end {
				if len(order) >= b.maxDepth() {
					continue // deeper tags stay standalone: pairing stays linear
				}
				if open == nil {
					open = map[string][]start{}
				}
				open[name] = append(open[name], start{i, scope})
				order = append(order, name)
				continue
			}
			starts := open[name]
			if len(starts) == 0 {
				continue
			}
			st := starts[len(starts)-1]
			open[name] = starts[:len(starts)-1]
			innermost := order[len(order)-1] == name
			for k := len(order) - 1; k >= 0; k-- {
				if order[k] == name {
					order = append(order[:k], order[k+1:]...)
					break
				}
			}
			if !innermost || st.scope != scope {
				continue
			}
			opener := &b.pieces[st.piece]
			code := &b.codes[opener.code]
			code.paired, code.close = true, b.codes[p.code].open
			opener.kind = pieceOpen
			p.kind, p.code = pieceClose, opener.code
		}
	}
}
