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
