package segment

import (
	"github.com/yuin/goldmark/ast"
)

// A nested segment is text inside the markup of a placeholder of another
// segment: the title of a link ([text](url "title"), in the code </1>) or
// the alt text of an image tag inside a sentence of an HTML block. While a
// block is built its nested segments wait in builder.pend; when the
// segment that takes their code is made, they become its Slots, and adopt
// places them right after it. A nested segment whose code ends up in no
// segment (a lone image tag) stands alone instead.

// pending is a nested segment waiting for the segment of its code.
type pending struct {
	seg   Segment
	code  int // block code index
	close bool
	at    int // source offset of the code's markup (Open or Close)
	// the parent's Start and End, once it is made
	attached   bool
	pstart, pe int
}

// nestedSegment builds the segment for source text src[start:end], whole,
// in context ctx; markdown says how to read escapes. ok is false when it
// holds no words.
func (b *builder) nestedSegment(start, end int, kind Kind, ctx Context, markdown bool) (Segment, bool) {
	sub := &builder{src: b.src, str: b.str, mask: b.mask, sc: b.sc, lines: b.lines, opts: b.opts, splitter: b.splitter, block: b.block, ctx: ctx}
	sub.opts.Unit = UnitParagraph
	sub.reset(start)
	if markdown {
		sub.literal(start, end, true)
	} else {
		sub.htmlLiteral(start, end)
	}
	sub.flush(kind)
	if len(sub.segments) != 1 {
		return Segment{}, false
	}
	return sub.segments[0], true
}

// addPending adds seg as nested in block code c, whose markup starts at
// source offset at.
func (b *builder) addPending(seg Segment, c int, close bool, at int) {
	b.codes[c].kids = append(b.codes[c].kids, len(b.pend))
	b.pend = append(b.pend, pending{seg: seg, code: c, close: close, at: at})
}

// adopt moves the pending nested segments of the block just flushed into
// the document. A nested segment's Parent holds its parent's Start + 1
// and a Slot's Segment the nested segment's In.Start until
// resolveNested sets the indexes.
func (b *builder) adopt() {
	for _, p := range b.pend {
		seg := p.seg
		if p.attached {
			seg.In = &Span{Start: seg.Start, End: seg.End}
			seg.Parent = p.pstart + 1
			seg.Start, seg.End = p.pe, p.pe
			b.nested = true
		}
		b.add(seg)
	}
	b.pend = b.pend[:0]
}

// resolveNested turns the offsets adopt left in Parent and Slots into
// indexes of the sorted segments.
func (b *builder) resolveNested() {
	if !b.nested {
		return
	}
	parents := map[int]int{}
	kids := map[int]int{}
	for i, s := range b.segments {
		switch {
		case s.In != nil:
			kids[s.In.Start] = i
		case len(s.Slots) > 0:
			parents[s.Start] = i
		}
	}
	for i := range b.segments {
		s := &b.segments[i]
		if s.In != nil {
			s.Parent = parents[s.Parent-1] + 1
		}
		for k := range s.Slots {
			s.Slots[k].Segment = kids[s.Slots[k].Segment]
		}
	}
}

// linkTitle adds the title of a link or image as a nested segment of code
// c, whose markup is src[cs:ce]: the closing markup "](url "title")" when
// close is set, else the whole of a link without text.
func (b *builder) linkTitle(n ast.Node, c, cs, ce int, close bool) {
	var title []byte
	switch n := n.(type) {
	case *ast.Link:
		title = n.Title
	case *ast.Image:
		title = n.Title
	default:
		return
	}
	if len(title) == 0 {
		return
	}
	i := cs
	if !close {
		for i < ce && b.mask[i] != ']' {
			i++
		}
	}
	ts, te, ok := titleSpan(b.mask, i, ce)
	if !ok {
		return
	}
	seg, ok := b.nestedSegment(ts, te, KindLinkTitle, ContextTitle, true)
	if !ok {
		return
	}
	b.addPending(seg, c, close, cs)
}

// titleSpan finds the title in the closing part of an inline link,
// src[i:end] = "](destination "title")", and returns where its text is.
func titleSpan(src []byte, i, end int) (ts, te int, ok bool) {
	if i+1 >= end || src[i] != ']' || src[i+1] != '(' {
		return 0, 0, false
	}
	i = skipSpace(src, i+2, end)
	if i < end && src[i] == '<' {
		for i++; i < end && src[i] != '>'; i++ {
			if src[i] == '\\' {
				i++
			}
		}
		i++
	} else {
		depth := 0
	dest:
		for ; i < end; i++ {
			switch src[i] {
			case '\\':
				i++
			case '(':
				depth++
			case ')':
				if depth == 0 {
					break dest
				}
				depth--
			case ' ', '\t', '\r', '\n':
				break dest
			}
		}
	}
	i = skipSpace(src, i, end)
	if i >= end {
		return 0, 0, false
	}
	closer := src[i]
	switch closer {
	case '"', '\'':
	case '(':
		closer = ')'
	default:
		return 0, 0, false
	}
	for j := i + 1; j < end; j++ {
		switch src[j] {
		case '\\':
			j++
		case closer:
			return i + 1, j, true
		}
	}
	return 0, 0, false
}
