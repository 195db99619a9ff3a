package segment

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// SegmentError reports a segment text that cannot be assembled.
type SegmentError struct {
	// Index is the segment's position in the document.
	Index int
	// Line is the 1-based source line of the segment.
	Line int
	Err  error
}

func (e *SegmentError) Error() string {
	return fmt.Sprintf("segment %d (line %d): %v", e.Index+1, e.Line, e.Err)
}

func (e *SegmentError) Unwrap() error { return e.Err }

// Assemble writes the document with text(i) in place of segment i. A text
// equal to the segment's own text is written as its exact source; any other
// text is rendered by Render.
func Assemble(d *Doc, text func(i int) string) ([]byte, error) {
	return AssembleFunc(d, func(i int) (string, error) {
		s := d.Segments[i]
		t := text(i)
		if t == s.Text {
			return d.Raw(i), nil
		}
		return Render(s, t)
	})
}

// AssembleFunc writes the document with markdown(i), the Markdown of
// segment i, in place of each segment.
//
// A nested segment (Parent > 0) is written inside its parent's markup:
// where Render left its slot in the parent's Markdown, or, when the
// parent's Markdown holds the parent's exact source (Raw), in place of the
// nested segment's source there.
func AssembleFunc(d *Doc, markdown func(i int) (string, error)) ([]byte, error) {
	out := make([]byte, 0, len(d.Source)+len(d.Source)/4)
	last := 0
	var kids [][]int
	for i, s := range d.Segments {
		if s.Parent > 0 && s.Parent <= i {
			if kids == nil {
				kids = make([][]int, len(d.Segments))
			}
			kids[s.Parent-1] = append(kids[s.Parent-1], i)
		}
	}
	for i, s := range d.Segments {
		if s.Parent > 0 {
			continue
		}
		out = append(out, d.Source[last:s.Start]...)
		md, err := markdown(i)
		if err != nil {
			return nil, &SegmentError{Index: i, Line: s.Line, Err: err}
		}
		if kids != nil && len(kids[i]) > 0 {
			if md, err = d.fill(i, md, kids[i], markdown); err != nil {
				return nil, err
			}
		}
		out = append(out, md...)
		last = s.End
	}
	return append(out, d.Source[last:]...), nil
}

// slotMark delimits a slot: the place Render leaves for a nested segment
// in its parent's markup. No source holds it (Split refuses control
// characters) and no translation either (Render drops it).
const slotMark = '\x00'

// fill writes the nested segments kids of segment i into md, its Markdown.
func (d *Doc) fill(i int, md string, kids []int, markdown func(int) (string, error)) (string, error) {
	texts := make(map[int]string, len(kids))
	for _, k := range kids {
		t, err := markdown(k)
		if err != nil {
			return "", &SegmentError{Index: k, Line: d.Segments[k].Line, Err: err}
		}
		texts[k] = t
	}
	if strings.IndexByte(md, slotMark) >= 0 {
		var sb strings.Builder
		for {
			a := strings.IndexByte(md, slotMark)
			if a < 0 {
				break
			}
			b := strings.IndexByte(md[a+1:], slotMark)
			if b < 0 {
				break
			}
			sb.WriteString(md[:a])
			if k, err := strconv.Atoi(md[a+1 : a+1+b]); err == nil {
				sb.WriteString(texts[k])
			}
			md = md[a+b+2:]
		}
		sb.WriteString(md)
		return sb.String(), nil
	}
	raw := d.Raw(i)
	at := strings.Index(md, raw)
	if at < 0 {
		return md, nil
	}
	var sb strings.Builder
	sb.WriteString(md[:at])
	base := d.Segments[i].Start
	last := base
	for _, k := range kids {
		in := d.Segments[k].In
		if in == nil || in.Start < last || in.End > d.Segments[i].End {
			continue
		}
		sb.Write(d.Source[last:in.Start])
		sb.WriteString(texts[k])
		last = in.End
	}
	sb.Write(d.Source[last:d.Segments[i].End])
	sb.WriteString(md[at+len(raw):])
	return sb.String(), nil
}

// Raw returns the exact source of segment i.
func (d *Doc) Raw(i int) string {
	s := d.Segments[i]
	if s.In != nil {
		return string(d.Source[s.In.Start:s.In.End])
	}
	return string(d.Source[s.Start:s.End])
}

// Render returns the Markdown for a translation of seg: its placeholders
// become seg's markup, and its text is escaped for seg's Context so that
// it reads as text, on one line. In the markup of a placeholder that holds
// a nested segment (seg.Slots), Render leaves a slot that AssembleFunc
// fills with that segment.
func Render(seg Segment, translation string) (string, error) {
	if err := CheckPlaceholders(seg, translation); err != nil {
		return "", err
	}
	codes := map[int]Code{}
	for _, c := range seg.Codes {
		codes[c.ID] = c
	}
	var sb strings.Builder
	start := true
	for _, t := range Tokenize(strings.TrimSpace(translation)) {
		switch t.Kind {
		case TokenText:
			text := strings.Map(dropSlotMark, t.Text)
			switch seg.Context {
			case ContextMarkdown:
				escapeText(&sb, text, start)
			case ContextTitle:
				escapeTitle(&sb, text)
			default:
				escapeHTML(&sb, text, seg.Context)
			}
		case TokenOpen, TokenStandalone:
			writeCode(&sb, seg, t.ID, false, codes[t.ID].Open)
		case TokenClose:
			writeCode(&sb, seg, t.ID, true, codes[t.ID].Close)
		}
		// after a hard line break, text starts a line again
		start = t.Kind != TokenText && strings.HasSuffix(sb.String(), "\n")
	}
	return sb.String(), nil
}

func dropSlotMark(r rune) rune {
	if r == slotMark {
		return -1
	}
	return r
}

// writeCode writes the markup of placeholder id, with a slot for each
// nested segment in it.
func writeCode(sb *strings.Builder, seg Segment, id int, close bool, markup string) {
	last := 0
	for _, s := range seg.Slots {
		if s.Code != id || s.Close != close || s.Start < last || s.End > len(markup) {
			continue
		}
		sb.WriteString(markup[last:s.Start])
		sb.WriteRune(slotMark)
		sb.WriteString(strconv.Itoa(s.Segment))
		sb.WriteRune(slotMark)
		last = s.End
	}
	sb.WriteString(markup[last:])
}

// escapeHTML writes text as HTML text or as an attribute value: &, < and >
// as character references, in attributes the quotes too, and without
// quotes white space, "=" and "`" as well; line breaks become spaces, and
// "{{" never stays, so that no translation opens a shortcode.
func escapeHTML(sb *strings.Builder, text string, ctx Context) {
	space := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' || c == '\r' {
			if !space {
				if ctx == ContextUnquotedAttribute {
					sb.WriteString("&#32;")
				} else {
					sb.WriteByte(' ')
				}
			}
			space = true
			continue
		}
		space = c == ' '
		switch {
		case c == '&':
			sb.WriteString("&amp;")
		case c == '<':
			sb.WriteString("&lt;")
		case c == '>':
			sb.WriteString("&gt;")
		case c == '{' && i+1 < len(text) && text[i+1] == '{':
			sb.WriteString("&#123;")
		case ctx == ContextHTML:
			sb.WriteByte(c)
		case c == '"':
			sb.WriteString("&#34;")
		case c == '\'':
			sb.WriteString("&#39;")
		case ctx == ContextUnquotedAttribute && (c == ' ' || c == '\t' || c == '\f' || c == '=' || c == '`'):
			sb.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		default:
			sb.WriteByte(c)
		}
	}
}

// escapeTitle writes text as the title of a Markdown link: the characters
// that could end the title or start markup are backslash-escaped, and
// line breaks become spaces.
func escapeTitle(sb *strings.Builder, text string) {
	space := false
	for i, r := range text {
		if r == '\n' || r == '\r' {
			if !space {
				sb.WriteByte(' ')
			}
			space = true
			continue
		}
		space = r == ' '
		if r < 0x80 && strings.ContainsRune("\\\"'(){<", r) || r == '&' && referenceLen([]byte(text[i:])) > 0 {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
}

// escapeText writes text so that Markdown reads it as text: ASCII
// punctuation that can start markup is backslash-escaped, line breaks become
// spaces, and at the start of a line nothing may read as a block marker.
func escapeText(sb *strings.Builder, text string, lineStart bool) {
	if lineStart {
		text = strings.TrimLeftFunc(text, unicode.IsSpace)
		switch {
		case text == "":
		case strings.IndexByte("#+-=>", text[0]) >= 0:
			sb.WriteByte('\\')
		default:
			i := 0
			for i < len(text) && i < 9 && isDigit(text[i]) {
				i++
			}
			if i > 0 && i < len(text) && (text[i] == '.' || text[i] == ')') {
				sb.WriteString(text[:i])
				sb.WriteByte('\\')
				text = text[i:]
			}
		}
	}
	space := false
	for i, r := range text {
		if r == '\n' || r == '\r' {
			if !space {
				sb.WriteByte(' ')
			}
			space = true
			continue
		}
		space = r == ' '
		// "{" too: no translation may open a template or a Hugo shortcode
		// ("{{<", "{{%") in a site that renders the Markdown.
		if r < 0x80 && strings.ContainsRune("\\`*_[]<|~{", r) || r == '&' && referenceLen([]byte(text[i:])) > 0 {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
}
