package segment

import (
	"fmt"
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
func AssembleFunc(d *Doc, markdown func(i int) (string, error)) ([]byte, error) {
	out := make([]byte, 0, len(d.Source)+len(d.Source)/4)
	last := 0
	for i, s := range d.Segments {
		out = append(out, d.Source[last:s.Start]...)
		md, err := markdown(i)
		if err != nil {
			return nil, &SegmentError{Index: i, Line: s.Line, Err: err}
		}
		out = append(out, md...)
		last = s.End
	}
	return append(out, d.Source[last:]...), nil
}

// Raw returns the exact source of segment i.
func (d *Doc) Raw(i int) string {
	return string(d.Source[d.Segments[i].Start:d.Segments[i].End])
}

// Render returns the Markdown for a translation of seg: its placeholders
// become seg's markup, and its text is escaped so that it reads as text, on
// one line.
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
			escapeText(&sb, t.Text, start)
		case TokenOpen, TokenStandalone:
			sb.WriteString(codes[t.ID].Open)
		case TokenClose:
			sb.WriteString(codes[t.ID].Close)
		}
		start = false
	}
	return sb.String(), nil
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
