package segment

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// Raw HTML blocks are read with golang.org/x/net/html's tokenizer. Their
// text is offered for translation in runs: a run is text and phrasing
// tags (<b>, <a>, <img>…, which become placeholders as inline markup
// does), and any other tag, a blank line or the end of the block ends it.
// Runs are cut into sentences as paragraphs are. The tags between runs
// stay in the skeleton; so does everything inside <script>, <style>,
// <pre> and <textarea>, while an inline <code>…</code> or a comment is one
// placeholder. The values of the attributes people read (alt, title,
// aria-label, placeholder) are segments of their own: nested in the
// sentence whose placeholder holds their tag, or standing alone where the
// tag is in the skeleton. Character references are decoded in segment
// texts; a translation is written back with &, <, > (and in attributes the
// quotes) as references, so it can never become markup.

// inlineTags are the HTML elements that stand inside a run of text.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "acronym": true, "b": true, "bdi": true, "bdo": true, "big": true, "br": true,
	"cite": true, "data": true, "del": true, "dfn": true, "em": true, "font": true, "i": true, "img": true,
	"ins": true, "kbd": true, "mark": true, "q": true, "rp": true, "rt": true, "ruby": true, "s": true,
	"samp": true, "small": true, "span": true, "strike": true, "strong": true, "sub": true, "sup": true,
	"time": true, "tt": true, "u": true, "var": true, "wbr": true,
}

// opaqueTags are the HTML elements whose content is never text.
var opaqueTags = map[string]bool{
	"script": true, "style": true, "pre": true, "code": true, "textarea": true,
}

// readableAttrs are the attributes whose values are text for people.
var readableAttrs = map[string]bool{"alt": true, "title": true, "aria-label": true, "placeholder": true}

// htmlSpan maps a run of the tokenizer's buffer to the source.
type htmlSpan struct{ buf, src, n int }

// htmlReader reads one HTML block, maybe cut in lines by the prefixes of
// block quotes and list items.
type htmlReader struct {
	b     *builder
	buf   []byte
	spans []htmlSpan
	kind  Kind
	cut   int // a run ends at this buffer offset, the end of the first line; -1 for none
}

// htmlBlock segments a raw HTML block of goldmark's tree.
func (b *builder) htmlBlock(n *ast.HTMLBlock) {
	lines := n.Lines()
	segs := make([]text.Segment, 0, lines.Len()+1)
	for i := 0; i < lines.Len(); i++ {
		segs = append(segs, lines.At(i))
	}
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	cut := -1
	if n.HTMLBlockType == ast.HTMLBlockType7 && len(segs) > 1 {
		// The first line of such a block is one tag and nothing else;
		// were it joined to the text after it, the block would no longer
		// be one.
		cut = segs[0].Len()
	}
	b.html(segs, KindHTML, cut)
}

// regions segments the contents of {{< >}} shortcode blocks that start
// before pos.
func (b *builder) regions(pos int) {
	if b.sc == nil {
		return
	}
	for b.region < len(b.sc.regions) && b.sc.regions[b.region].start < pos {
		r := b.sc.regions[b.region]
		b.region++
		b.html([]text.Segment{text.NewSegment(r.start, r.end)}, KindShortcode, -1)
	}
}

// html segments the HTML in the source ranges segs.
func (b *builder) html(segs []text.Segment, kind Kind, cut int) {
	r := &htmlReader{b: b, kind: kind, cut: cut}
	for _, s := range segs {
		if s.Stop <= s.Start {
			continue
		}
		r.spans = append(r.spans, htmlSpan{buf: len(r.buf), src: s.Start, n: s.Stop - s.Start})
		r.buf = append(r.buf, b.src[s.Start:s.Stop]...)
	}
	if len(r.buf) == 0 {
		return
	}
	// shortcodes read as text to the tokenizer; they become markup below
	if b.sc != nil {
		for _, sp := range r.spans {
			for u := b.sc.unitFrom(sp.src); u < len(b.sc.units) && b.sc.units[u].start < sp.src+sp.n; u++ {
				v := b.sc.units[u]
				for p := max(v.start, sp.src); p < min(v.end, sp.src+sp.n); p++ {
					r.buf[sp.buf+p-sp.src] = 'x'
				}
			}
		}
	}
	r.read()
}

// src returns the source offset of buffer offset p; end says that p ends a
// range, so that it maps to the end of the span before a gap.
func (r *htmlReader) src(p int, end bool) int {
	i := r.span(p, end)
	if i == len(r.spans) {
		last := r.spans[len(r.spans)-1]
		return last.src + last.n
	}
	return r.spans[i].src + p - r.spans[i].buf
}

// span returns the index of the span that holds buffer offset p (or, with
// end set, that ends at p), or len(r.spans).
func (r *htmlReader) span(p int, end bool) int {
	return sort.Search(len(r.spans), func(i int) bool {
		sp := r.spans[i]
		return p < sp.buf+sp.n || p == sp.buf+sp.n && end
	})
}

// contiguous reports whether buffer range [p, q) is one range of the source.
func (r *htmlReader) contiguous(p, q int) bool {
	return r.src(q, true)-r.src(p, false) == q-p
}

func (r *htmlReader) read() {
	b := r.b
	b.reset(r.src(0, false))
	z := html.NewTokenizer(bytes.NewReader(r.buf))
	pos := 0
	skip, depth, skipStart, skipInline := "", 0, 0, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		p := pos
		pos += len(z.Raw())
		q := pos
		var name string
		if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
			n, _ := z.TagName()
			name = string(n)
		}
		if r.cut >= 0 && q > r.cut {
			if tt == html.TextToken && p < r.cut && skip == "" {
				r.text(p, r.cut)
				p = r.cut
			}
			r.cut = -1
			r.flush()
		}
		if skip != "" {
			switch {
			case tt == html.StartTagToken && name == skip:
				depth++
			case tt == html.EndTagToken && name == skip:
				if depth--; depth == 0 {
					if skipInline {
						r.code(skipStart, q)
					}
					skip = ""
				}
			}
			continue
		}
		switch tt {
		case html.TextToken:
			r.text(p, q)
		case html.CommentToken, html.DoctypeToken:
			r.code(p, q)
		default:
			switch {
			case opaqueTags[name]:
				inline := name == "code"
				if tt == html.StartTagToken {
					skip, depth, skipStart, skipInline = name, 1, p, inline
					if !inline {
						r.flush()
					}
				} else if inline {
					r.code(p, q)
				} else {
					r.flush()
				}
			case inlineTags[name]:
				c := r.code(p, q)
				if tt != html.EndTagToken {
					r.attrs(p, q, c)
				}
			default:
				r.flush()
				if tt != html.EndTagToken {
					r.attrs(p, q, -1)
				}
			}
		}
	}
	if skip != "" && skipInline {
		r.code(skipStart, pos)
	}
	r.flush()
}

// flush ends the current run.
func (r *htmlReader) flush() {
	b := r.b
	words := false
	for _, p := range b.pieces {
		words = words || p.kind != pieceSpace && !(p.kind == pieceText && p.ident && len(bytes.TrimSpace(b.src[p.start:p.end])) == 0)
	}
	if words {
		b.ctx = ContextHTML
		b.flush(r.kind)
		b.ctx = ContextMarkdown
	}
	b.adopt()
	b.reset(0)
}

// gap joins a source range that does not follow the last piece (the
// prefix of a line in a block quote) to the run as white space.
func (r *htmlReader) gap(s int) {
	b := r.b
	n := len(b.pieces)
	if n == 0 || b.pieces[n-1].end >= s {
		return
	}
	if last := &b.pieces[n-1]; last.kind == pieceSpace {
		last.end = s
		return
	}
	b.pieces = append(b.pieces, piece{kind: pieceSpace, text: " ", start: b.pieces[n-1].end, end: s})
}

// code adds the markup in buffer range [p, q) as a standalone code and
// returns the code's index.
func (r *htmlReader) code(p, q int) int {
	s, e := r.src(p, false), r.src(q, true)
	r.gap(s)
	r.b.addStandalone(s, e)
	return len(r.b.codes) - 1
}

// text adds the text in buffer range [p, q); a blank line ends the run.
func (r *htmlReader) text(p, q int) {
	for p < q {
		stop, next := q, q
		if i := blankLine(r.buf[p:q]); i >= 0 {
			stop, next = p+i, p+i+1
		}
		for i := r.span(p, false); i < len(r.spans) && r.spans[i].buf < stop; i++ {
			sp := r.spans[i]
			lo, hi := max(p, sp.buf), min(stop, sp.buf+sp.n)
			if lo >= hi {
				continue
			}
			s := sp.src + lo - sp.buf
			r.gap(s)
			r.b.htmlLiteral(s, sp.src+hi-sp.buf)
		}
		if next < q {
			r.flush()
		}
		p = next
	}
}

// blankLine returns the offset of the line break that starts a blank line
// in s, or -1.
func blankLine(s []byte) int {
	for i := bytes.IndexByte(s, '\n'); i >= 0; {
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return i
		}
		k := bytes.IndexByte(s[j:], '\n')
		if k < 0 {
			return -1
		}
		i = j + k
	}
	return -1
}

// attrs adds the readable attributes of the start tag in buffer range
// [p, q) as segments: nested in the segment that will hold code c, or
// standing alone when c is -1.
func (r *htmlReader) attrs(p, q, c int) {
	raw := r.buf[p:q]
	scanAttrs(raw, func(name []byte, vs, ve int, quote byte) {
		if !readableAttrs[string(bytes.ToLower(name))] || !r.contiguous(p+vs, p+ve) {
			return
		}
		s, e := r.src(p+vs, false), r.src(p+ve, true)
		ctx := ContextAttribute
		if quote == 0 {
			ctx = ContextUnquotedAttribute
		}
		seg, ok := r.b.nestedSegment(s, e, KindAttribute, ctx, false)
		if !ok {
			return
		}
		if c < 0 {
			r.b.add(seg)
			return
		}
		ts := r.b.pieces[len(r.b.pieces)-1].start
		r.b.addPending(seg, c, false, ts)
	})
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// scanAttrs calls fn for each attribute of the start tag raw that has a
// value, with the value's offsets in raw and its quote (0 for none). It
// reads attributes as the HTML tokenizer does.
func scanAttrs(raw []byte, fn func(name []byte, vs, ve int, quote byte)) {
	i := 1
	for i < len(raw) && !isHTMLSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	for {
		for i < len(raw) && isHTMLSpace(raw[i]) {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			return
		}
		ks := i
		for i < len(raw) {
			c := raw[i]
			if c == '=' && i == ks {
				i++
				continue
			}
			if c == '=' || isHTMLSpace(c) || c == '/' || c == '>' {
				break
			}
			i++
		}
		ke := i
		for i < len(raw) && isHTMLSpace(raw[i]) {
			i++
		}
		if i >= len(raw) {
			return
		}
		switch raw[i] {
		case '/':
			i++
			continue
		case '=':
		default:
			continue
		}
		i++
		for i < len(raw) && isHTMLSpace(raw[i]) {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			continue
		}
		if q := raw[i]; q == '"' || q == '\'' {
			j := bytes.IndexByte(raw[i+1:], q)
			if j < 0 {
				return
			}
			fn(raw[ks:ke], i+1, i+1+j, q)
			i += j + 2
			continue
		}
		vs := i
		for i < len(raw) && !isHTMLSpace(raw[i]) && raw[i] != '>' {
			i++
		}
		fn(raw[ks:ke], vs, i, 0)
	}
}

// htmlLiteral adds HTML text src[start:end]: character references are
// decoded, a line break with the white space around it is one space, and
// shortcodes are markup.
func (b *builder) htmlLiteral(start, end int) {
	src := b.src
	run := start
	flush := func(i int) {
		if i > run {
			b.pieces = append(b.pieces, piece{kind: pieceText, ident: true, start: run, end: i})
		}
	}
	units := b.sc.cursorFrom(start, len(src))
	for i := start; i < end; {
		if i >= units.next {
			flush(i)
			stop := units.take(end)
			b.addStandalone(i, stop)
			i, run = stop, stop
			continue
		}
		switch c := src[i]; {
		case c == '\r' || c == '\n':
			j, k := i, i
			for j > run && (src[j-1] == ' ' || src[j-1] == '\t') {
				j--
			}
			for k < end && k < units.next && isHTMLSpace(src[k]) {
				k++
			}
			flush(j)
			b.pieces = append(b.pieces, piece{kind: pieceSpace, text: " ", start: j, end: k})
			i, run = k, k
		case c == '<' && i+1 < end && (src[i+1] == '/' || isDigit(src[i+1])):
			// a "<" that would read as a placeholder becomes one
			flush(i)
			b.addStandalone(i, i+1)
			i, run = i+1, i+1
		case c == '&':
			n := referenceLen(src[i:end])
			if n == 0 {
				i++
				continue
			}
			flush(i)
			value := html.UnescapeString(string(src[i : i+n]))
			if value == "<" && i+n < end && (src[i+n] == '/' || isDigit(src[i+n])) || value == "\x00" {
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
