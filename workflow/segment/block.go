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
	Split(text string) []sentence.Span
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
	// piece starts in it.
	var sb strings.Builder
	at := make([]int, len(b.pieces)+1)
	for i, p := range b.pieces {
		at[i] = sb.Len()
		if p.kind == pieceText || p.kind == pieceSpace {
			sb.WriteString(p.text)
		} else {
			sb.WriteString(placeholder(p.kind, p.code+1))
		}
	}
	at[len(b.pieces)] = sb.Len()
	text := sb.String()

	var spans []sentence.Span
	if b.opts.Unit == UnitParagraph {
		if s, e := trimSpan(text, 0, len(text)); s < e {
			spans = []sentence.Span{{Start: s, End: e}}
		}
	} else {
		spans = b.splitter.Split(text)
	}
	for _, sp := range b.balance(spans, at) {
		b.segment(kind, text, at, sp)
	}
}

// balance widens spans that cut through a piece which cannot be cut (an
// escape, a character reference, a placeholder), then merges neighbouring
// spans that overlap or that would cut a paired code in two.
func (b *builder) balance(spans []sentence.Span, at []int) []sentence.Span {
	for i := range spans {
		for p, pc := range b.pieces {
			if pc.identity(b.src) {
				continue
			}
			if at[p] < spans[i].Start && spans[i].Start < at[p+1] {
				spans[i].Start = at[p]
			}
			if at[p] < spans[i].End && spans[i].End < at[p+1] {
				spans[i].End = at[p+1]
			}
		}
	}
	var out []sentence.Span
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

// segment adds the segment for span sp of the block text.
func (b *builder) segment(kind Kind, text string, at []int, sp sentence.Span) {
	var sb strings.Builder
	var codes []Code
	ids := map[int]int{}
	start, end := -1, -1
	for i, p := range b.pieces {
		ps, pe := at[i], at[i+1]
		if pe <= sp.Start || ps >= sp.End {
			continue
		}
		s, e := p.start, p.end
		switch p.kind {
		case pieceText, pieceSpace:
			lo, hi := max(sp.Start, ps), min(sp.End, pe)
			if p.identity(b.src) {
				s, e = p.start+lo-ps, p.start+hi-ps
			}
			sb.WriteString(text[lo:hi])
		default:
			id, ok := ids[p.code]
			if !ok {
				id = len(codes) + 1
				ids[p.code] = id
				c := b.codes[p.code]
				codes = append(codes, Code{ID: id, Paired: c.paired, Open: c.open, Close: c.close})
			}
			sb.WriteString(placeholder(p.kind, id))
		}
		if start < 0 {
			start = s
		}
		end = e
	}
	t := sb.String()
	if start < 0 || !hasWords(t) {
		return
	}
	b.segments = append(b.segments, Segment{
		Text:  t,
		Kind:  kind,
		Block: b.block,
		Start: start,
		End:   end,
		Line:  b.lines.line(start),
		Codes: codes,
	})
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
	type start struct{ piece, depth int }
	open := map[string][]start{}
	var order []string // names of the open start tags, innermost last
	depth := 0
	for i := range b.pieces {
		p := &b.pieces[i]
		switch p.kind {
		case pieceOpen:
			depth++
		case pieceClose:
			depth--
		case pieceStandalone:
			name, end, ok := htmlTag(b.codes[p.code].open)
			if !ok {
				continue
			}
			if !end {
				open[name] = append(open[name], start{i, depth})
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
			if !innermost || st.depth != depth {
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
