package tmx

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/tilmash/tilmash/workflow/segment"
)

// piece is a part of a segment as read: text, or an inline element.
type piece struct {
	kind segment.TokenKind
	text string
	// x is the number the element gives itself (its x attribute, when that
	// is a usable placeholder number), or 0.
	x int
	// mate is the index of the piece that pairs with a <bpt> or <ept>, or -1.
	mate int
}

// seg reads the content of a <seg> as placeholder text.
func (r *reader) seg() (string, error) {
	var pieces []piece
	begun := map[string]int{} // the unpaired <bpt> of each i
	var read func(xml.Token) error
	read = func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.CharData:
			pieces = append(pieces, piece{kind: segment.TokenText, text: string(t), mate: -1})
			return nil
		case xml.StartElement:
			x, _ := attrOf(t, "x")
			p := piece{x: number(x), mate: -1}
			switch t.Name.Local {
			case "hi":
				return r.content(read) // marked text: its text counts
			case "bpt":
				i, ok := attrOf(t, "i")
				if !ok {
					return r.errorf("<bpt> has no i: a <bpt> and its <ept> share an i")
				}
				if _, dup := begun[i]; dup {
					return r.errorf("two <bpt i=%q> are open in one <seg>: each pair needs its own i", i)
				}
				begun[i] = len(pieces)
				p.kind = segment.TokenOpen
			case "ept":
				i, _ := attrOf(t, "i")
				k, ok := begun[i]
				if !ok {
					return r.errorf("<ept i=%q> closes no <bpt> before it in the <seg>", i)
				}
				delete(begun, i)
				p.kind, p.mate = segment.TokenClose, k
				pieces[k].mate = len(pieces)
			case "it":
				pos, _ := attrOf(t, "pos")
				switch pos {
				case "begin":
					p.kind = segment.TokenOpen
				case "end":
					p.kind = segment.TokenClose
				default:
					return r.errorf("<it pos=%q>: pos is begin or end", pos)
				}
			case "ph", "ut":
				p.kind = segment.TokenStandalone
			default:
				return r.skip() // not part of the text
			}
			pieces = append(pieces, p)
			return r.skip() // the native code is not part of the text
		}
		return nil
	}
	if err := r.content(read); err != nil {
		return "", err
	}
	first, at := "", len(pieces)
	for i, k := range begun {
		if k < at {
			first, at = i, k
		}
	}
	if at < len(pieces) {
		return "", r.errorf("<bpt i=%q> is never closed by an <ept i=%q> in its <seg>", first, first)
	}
	return render(pieces), nil
}

// number returns the placeholder number an x attribute gives, or 0 when
// it gives none that placeholder text can carry (1 to 9999, no leading
// zero).
func number(x string) int {
	if x == "" || len(x) > 4 || x[0] == '0' {
		return 0
	}
	n, err := strconv.Atoi(x)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// render writes the pieces as placeholder text. An inline element takes
// its x; an <ept>, its <bpt>'s number; one without a usable x, the lowest
// number no other element of the segment has.
func render(pieces []piece) string {
	used := map[int]bool{}
	for _, p := range pieces {
		if p.kind != segment.TokenText && p.x > 0 && (p.kind != segment.TokenClose || p.mate < 0) {
			used[p.x] = true
		}
	}
	free := 1
	num := make([]int, len(pieces))
	var sb strings.Builder
	for k, p := range pieces {
		if p.kind == segment.TokenText {
			sb.WriteString(p.text)
			continue
		}
		n := p.x
		if p.kind == segment.TokenClose && p.mate >= 0 {
			n = num[p.mate]
		}
		if n == 0 {
			for used[free] {
				free++
			}
			n = free
			used[n] = true
		}
		num[k] = n
		s := strconv.Itoa(n)
		switch p.kind {
		case segment.TokenOpen:
			sb.WriteString("<" + s + ">")
		case segment.TokenClose:
			sb.WriteString("</" + s + ">")
		default:
			sb.WriteString("<" + s + "/>")
		}
	}
	return sb.String()
}
