package segment

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// blockDepth finds the first line whose block quotes and list items nest
// deeper than max, before goldmark reads the document: goldmark's work per
// line grows with the nesting, so refusing deep input first keeps Split
// linear. It returns that line (1-based) and its depth, or 0, 0.
//
// The count is an estimate that errs on the deep side only where the input
// is strange: every ">" and list marker that opens a line counts one level,
// and a list item's content column stays open for the lines indented to it.
func blockDepth(src []byte, max int) (line, depth int) {
	var cols []int // content columns of the open list items
	ln := 0
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		ln++
		d, closeAt := lineDepth(src[start:end], cols)
		cols = cols[:closeAt]
		if d.depth > max {
			return ln, d.depth
		}
		cols = append(cols, d.opened...)
		start = end + 1
	}
	return 0, 0
}

// lineNesting is what lineDepth finds on one line.
type lineNesting struct {
	depth  int   // nesting of the line's content
	opened []int // content columns of the list items the line opens
}

// lineDepth measures one line against the open list items cols and says how
// many of them stay open (closeAt).
func lineDepth(line []byte, cols []int) (d lineNesting, closeAt int) {
	i, col := 0, 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		if line[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		i++
	}
	if i == len(line) || line[i] == '\r' || thematicBreak(line[i:]) {
		return lineNesting{depth: len(cols)}, len(cols) // blank lines and rules close nothing
	}
	closeAt = len(cols)
	for closeAt > 0 && cols[closeAt-1] > col {
		closeAt--
	}
	d.depth = closeAt
	if closeAt > 0 && col >= cols[closeAt-1]+4 {
		return d, closeAt // indented code inside an item
	}
	for i < len(line) {
		switch c := line[i]; {
		case c == '>':
			d.depth++
			i++
			col++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			d.depth++
			i += 2
			col += 2
			d.opened = append(d.opened, col)
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || line[j] != '.' && line[j] != ')' || j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t' {
				return d, closeAt
			}
			d.depth++
			col += j + 2 - i
			i = j + 2
			d.opened = append(d.opened, col)
		default:
			return d, closeAt
		}
		for k := 0; k < 3 && i < len(line) && line[i] == ' '; k++ {
			i++
			col++
		}
	}
	return d, closeAt
}

// thematicBreak reports whether line is a thematic break ("- - -", "***"),
// which nests nothing.
func thematicBreak(line []byte) bool {
	var mark byte
	n := 0
	for _, c := range line {
		switch c {
		case ' ', '\t', '\r':
		case '-', '*', '_':
			if mark != 0 && c != mark {
				return false
			}
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// checkList warns about an ordered list of one item that is more likely a
// paragraph whose first sentence starts with a number: "42. yıl dönümü…" in
// Turkish, where a number with a period is an ordinal, or "2024. It was…".
func (b *builder) checkList(l *ast.List) {
	if !l.IsOrdered() || l.Marker != '.' || l.ChildCount() != 1 {
		return
	}
	if l.Start == 1 && !b.splitter.OrdinalNumbers() {
		return
	}
	item := l.FirstChild()
	para := item.FirstChild()
	if para == nil || para.Kind() != ast.KindParagraph && para.Kind() != ast.KindTextBlock || para.Lines().Len() == 0 {
		return
	}
	at := para.Lines().At(0).Start
	b.warnings = append(b.warnings, Warning{
		Line: b.lines.line(at),
		Msg: fmt.Sprintf("the paragraph starts with %q, so Markdown reads it as a numbered list; "+
			"write %q if the number belongs to the sentence", fmt.Sprintf("%d.", l.Start), fmt.Sprintf(`%d\.`, l.Start)),
	})
}
