package segment

import (
	"bytes"
	"sort"
)

// Hugo shortcodes are structure, never text. goldmark does not know them,
// so Split finds them first with a small scanner (scanShortcodes) and hands
// goldmark a mask of the source: a copy of the same length in which
//
//   - a shortcode that stands alone on its lines (a block shortcode, maybe
//     after block quote markers) is blanked to spaces, so that it ends the
//     paragraph before it and stays in the skeleton;
//   - the content of a paired block shortcode whose content Hugo does not
//     read as Markdown ({{< name >}}…{{< /name >}}) is blanked too, and
//     Split reads it as HTML text itself (KindShortcode);
//   - any other shortcode becomes an inline HTML tag "<xxxx>" of its
//     length, which goldmark keeps as one opaque raw HTML node: a
//     placeholder in its sentence, paired with its closing tag where both
//     are in one block (<1>inner text</1>).
//
// The content of a {{% name %}} block is left as it is, so goldmark reads
// it as Markdown, as Hugo does. Code-like shortcodes (highlight, code…)
// and their content are one opaque unit. Since the mask has the source's
// offsets, every position goldmark reports is a position in the source,
// and segment texts and markup are always cut from the source itself.
//
// The scanner stays linear: a tag that does not end within maxShortcode
// bytes or before a blank line is no shortcode, and once the bytes read by
// such failed tags pass four times the document's size, the scan goes on
// after what a failed tag read rather than right after its "{{".

// maxShortcode is the longest shortcode tag read, parameters included.
const maxShortcode = 8 << 10

// scTag is one shortcode tag: {{< name args >}}, {{% name args %}},
// {{< /name >}}, {{< name />}} or the comment form {{</* … */>}}.
type scTag struct {
	start, end int
	name       string
	markdown   bool // {{% … %}}: Hugo reads its content as Markdown
	closing    bool // {{< /name >}}
	self       bool // {{< name />}} or a comment: never paired
	partner    int  // index of the matching tag, or -1
}

// scUnit is an opaque run of the source: one shortcode tag, or a code-like
// shortcode with its content and closing tag.
type scUnit struct {
	start, end int
	tag        int  // index of the (opening) tag
	pair       bool // a code-like pair: the unit holds more than one tag
	block      bool // alone on its lines
}

// scRegion is the content of a {{< name >}} block, read as HTML text.
type scRegion struct{ start, end int }

// codeLike names the shortcodes whose content is code, never text.
var codeLike = map[string]bool{
	"highlight": true, "code": true, "codeblock": true, "mermaid": true, "math": true, "katex": true,
}

// shortcodes holds what the scanner found in a document.
type shortcodes struct {
	tags    []scTag
	units   []scUnit
	regions []scRegion
	byStart map[int]int // unit start -> unit index
}

// findShortcodes scans src and returns the shortcodes and the mask goldmark
// reads (src itself when there is none).
func findShortcodes(src []byte) (*shortcodes, []byte) {
	tags := scanShortcodes(src)
	if len(tags) == 0 {
		return nil, src
	}
	pairShortcodes(tags)
	sc := &shortcodes{tags: tags, units: make([]scUnit, 0, len(tags)), byStart: make(map[int]int, len(tags))}
	tagUnit := make([]int, len(tags))
	for i := 0; i < len(tags); i++ {
		t := tags[i]
		u := scUnit{start: t.start, end: t.end, tag: i}
		tagUnit[i] = len(sc.units)
		if !t.closing && t.partner > i && codeLike[t.name] {
			u.end, u.pair = tags[t.partner].end, true
			for k := i + 1; k <= t.partner; k++ {
				tagUnit[k] = len(sc.units)
			}
			i = t.partner
		}
		sc.byStart[u.start] = len(sc.units)
		sc.units = append(sc.units, u)
	}
	mask := bytes.Clone(src)
	// Block shortcodes: runs of units alone on their lines.
	for i := 0; i < len(sc.units); {
		u := sc.units[i]
		ls := bytes.LastIndexByte(src[:u.start], '\n') + 1
		k, p := i, u.end
		for {
			for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
				p++
			}
			if k+1 < len(sc.units) && sc.units[k+1].start == p {
				k++
				p = sc.units[k].end
				continue
			}
			break
		}
		if onlyPrefix(src[ls:u.start]) && (p == len(src) || src[p] == '\n' || src[p] == '\r') {
			for j := i; j <= k; j++ {
				sc.units[j].block = true
			}
			blank(mask[u.start:p])
		} else {
			for j := i; j <= k; j++ {
				v := sc.units[j]
				m := mask[v.start:v.end]
				m[0], m[len(m)-1] = '<', '>'
				for x := 1; x < len(m)-1; x++ {
					m[x] = 'x'
				}
			}
		}
		i = k + 1
	}
	// Paired {{< >}} blocks: their content is HTML text, not Markdown.
	done := 0
	for i, t := range tags {
		if t.closing || t.partner <= i || t.markdown || codeLike[t.name] || t.start < done {
			continue
		}
		o, c := sc.units[tagUnit[i]], sc.units[tagUnit[t.partner]]
		if !o.block || !c.block {
			continue
		}
		ls := bytes.LastIndexByte(src[:o.start], '\n') + 1
		if bytes.ContainsRune(src[ls:o.start], '>') {
			continue
		}
		nl := bytes.IndexByte(src[o.end:c.start], '\n')
		if nl < 0 {
			continue
		}
		start := o.end + nl + 1
		end := bytes.LastIndexByte(src[:c.start], '\n') + 1
		if start >= end {
			continue
		}
		blank(mask[start:end])
		sc.regions = append(sc.regions, scRegion{start, end})
		done = end
	}
	return sc, mask
}

// onlyPrefix reports whether the start of a line holds only white space
// and block quote markers.
func onlyPrefix(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '>' {
			return false
		}
	}
	return true
}

// blank turns every byte but line ends into a space.
func blank(b []byte) {
	for i, c := range b {
		if c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
}

// unitFrom returns the index of the first unit that ends after pos.
func (sc *shortcodes) unitFrom(pos int) int {
	if sc == nil {
		return 0
	}
	return sort.Search(len(sc.units), func(i int) bool { return sc.units[i].end > pos })
}

// unitCursor steps through the units in text order from a position: next
// is where the coming unit starts, or none once no unit is left.
type unitCursor struct {
	sc         *shortcodes
	n          int
	next, none int
}

// cursorFrom places a cursor at the first unit that ends after pos. A nil
// sc gives a cursor with no units.
func (sc *shortcodes) cursorFrom(pos, none int) unitCursor {
	c := unitCursor{sc: sc, next: none, none: none}
	if c.n = sc.unitFrom(pos); sc != nil && c.n < len(sc.units) {
		c.next = sc.units[c.n].start
	}
	return c
}

// take returns where the coming unit ends, no further than end, and moves
// the cursor to the unit after it.
func (c *unitCursor) take(end int) int {
	stop := min(c.sc.units[c.n].end, end)
	if c.n++; c.n < len(c.sc.units) {
		c.next = c.sc.units[c.n].start
	} else {
		c.next = c.none
	}
	return stop
}

// unitAt returns the unit that is exactly src[start:end], if any.
func (sc *shortcodes) unitAt(start, end int) (scUnit, bool) {
	if sc == nil {
		return scUnit{}, false
	}
	i, ok := sc.byStart[start]
	if !ok || sc.units[i].end != end {
		return scUnit{}, false
	}
	return sc.units[i], true
}

// scanShortcodes finds the shortcode tags of src, in order.
func scanShortcodes(src []byte) []scTag {
	tags := make([]scTag, 0, bytes.Count(src, []byte("{{")))
	budget := 4*len(src) + 64<<10
	for i := 0; i+2 < len(src); {
		j := bytes.Index(src[i:], []byte("{{"))
		if j < 0 {
			break
		}
		i += j
		if i+2 >= len(src) || src[i+2] != '<' && src[i+2] != '%' {
			i++
			continue
		}
		t, read, ok := readShortcode(src, i)
		if !ok {
			if budget -= read - i; budget < 0 {
				i = max(read, i+2)
			} else {
				i += 2
			}
			continue
		}
		tags = append(tags, t)
		i = t.end
	}
	return tags
}

// readShortcode reads the tag at src[i:] ("{{<" or "{{%"). Without one, it
// returns how far it read.
func readShortcode(src []byte, i int) (t scTag, read int, ok bool) {
	d := src[i+2] // '<' or '%', closed by ">}}" or "%}}"
	if d == '<' {
		d = '>'
	}
	limit := min(len(src), i+maxShortcode)
	k := skipSpace(src, i+3, limit)
	closer := func(p int) bool { return p+2 < limit && src[p] == d && src[p+1] == '}' && src[p+2] == '}' }
	if k+1 < limit && src[k] == '/' && src[k+1] == '*' {
		// {{</* … */>}}: a shortcode written out, never run
		for p := k + 2; p+1 < limit; p++ {
			if src[p] == '*' && src[p+1] == '/' {
				if q := skipSpace(src, p+2, limit); closer(q) {
					return scTag{start: i, end: q + 3, name: "/*", markdown: d == '%', self: true, partner: -1}, 0, true
				}
			}
			if blankLineAt(src, p) {
				return t, p, false
			}
		}
		return t, limit, false
	}
	t = scTag{start: i, markdown: d == '%', partner: -1}
	if k < limit && src[k] == '/' {
		t.closing = true
		k = skipSpace(src, k+1, limit)
	}
	n := k
	for n < limit && isNameByte(src[n]) {
		n++
	}
	if n == k {
		return t, n, false
	}
	t.name = string(bytes.TrimRight(src[k:n], "/"))
	if t.name == "" || t.name[0] == '.' {
		return t, n, false
	}
	last := src[n-1]
	for p := n; p < limit; {
		c := src[p]
		switch {
		case closer(p):
			t.end = p + 3
			t.self = last == '/' && !t.closing
			return t, 0, true
		case c == '"' || c == '`':
			q := p + 1
			for q < limit && src[q] != c && !blankLineAt(src, q) {
				if c == '"' && src[q] == '\\' {
					q++
				}
				q++
			}
			if q >= limit || src[q] != c {
				return t, q, false
			}
			last, p = c, q+1
			continue
		case blankLineAt(src, p):
			return t, p, false
		case c != ' ' && c != '\t' && c != '\r' && c != '\n':
			last = c
		}
		p++
	}
	return t, limit, false
}

func skipSpace(src []byte, i, limit int) int {
	for i < limit && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n') {
		i++
	}
	return i
}

// blankLineAt reports whether a line that is blank starts after the line
// break at src[i].
func blankLineAt(src []byte, i int) bool {
	if src[i] != '\n' {
		return false
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return false
}

func isNameByte(c byte) bool {
	return isASCIILetter(c) || isDigit(c) || c == '_' || c == '-' || c == '/' || c == '.'
}

// pairShortcodes links each opening tag with its closing tag, innermost
// first; a code-like shortcode is closed by the next closing tag of its
// name, whatever lies between.
func pairShortcodes(tags []scTag) {
	closers := map[string][]int{}
	for i := range tags {
		tags[i].partner = -1
		if tags[i].closing {
			closers[tags[i].name] = append(closers[tags[i].name], i)
		}
	}
	var stack []int
	open := map[string]int{}
	for i := 0; i < len(tags); i++ {
		t := &tags[i]
		switch {
		case t.self:
		case t.closing:
			if open[t.name] == 0 {
				continue
			}
			for {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				open[tags[o].name]--
				if tags[o].name == t.name {
					tags[o].partner, t.partner = i, o
					break
				}
			}
		case codeLike[t.name]:
			cl := closers[t.name]
			for len(cl) > 0 && cl[0] <= i {
				cl = cl[1:]
			}
			if len(cl) > 0 {
				t.partner, tags[cl[0]].partner = cl[0], i
				i = cl[0]
				cl = cl[1:]
			}
			closers[t.name] = cl
		default:
			stack = append(stack, i)
			open[t.name]++
		}
	}
}
