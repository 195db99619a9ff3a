package segment

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// TokenKind tells text from the three kinds of placeholder.
type TokenKind int

// The kinds of tokens in a segment text.
const (
	TokenText       TokenKind = iota // plain text
	TokenOpen                        // <N>
	TokenClose                       // </N>
	TokenStandalone                  // <N/>
)

// Token is a piece of a segment text: plain text or a placeholder.
type Token struct {
	Kind TokenKind
	// ID is the placeholder number; 0 for text.
	ID int
	// Text is the token as written.
	Text string
}

// Tokenize cuts a segment text into plain text and placeholders. Anything that
// is not exactly <N>, </N> or <N/> (N = 1 to 4 digits) is plain text.
func Tokenize(text string) []Token {
	var out []Token
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '<' {
			continue
		}
		kind, id, n := placeholderAt(text, i)
		if n == 0 {
			continue
		}
		if i > last {
			out = append(out, Token{Kind: TokenText, Text: text[last:i]})
		}
		out = append(out, Token{Kind: kind, ID: id, Text: text[i : i+n]})
		i += n - 1
		last = i + 1
	}
	if last < len(text) {
		out = append(out, Token{Kind: TokenText, Text: text[last:]})
	}
	return out
}

// placeholderAt reports the placeholder starting at text[i] ('<'), if any, and
// its length in bytes; n is 0 when there is none.
func placeholderAt(text string, i int) (kind TokenKind, id, n int) {
	j := i + 1
	kind = TokenOpen
	if j < len(text) && text[j] == '/' {
		kind = TokenClose
		j++
	}
	d := j
	for j < len(text) && j-d < 4 && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	if j == d || j >= len(text) {
		return 0, 0, 0
	}
	id, err := strconv.Atoi(text[d:j])
	if err != nil || id == 0 || text[d] == '0' {
		return 0, 0, 0
	}
	switch {
	case text[j] == '>':
		return kind, id, j + 1 - i
	case kind == TokenOpen && text[j] == '/' && j+1 < len(text) && text[j+1] == '>':
		return TokenStandalone, id, j + 2 - i
	}
	return 0, 0, 0
}

// PlaceholderError lists what a translation does wrong with the placeholders
// of its source.
type PlaceholderError struct {
	Problems []string
}

func (e *PlaceholderError) Error() string {
	return strings.Join(e.Problems, "; ")
}

// CheckPlaceholders reports whether translation keeps every placeholder of
// seg exactly once, well nested, and adds none. It returns nil or a
// *PlaceholderError.
func CheckPlaceholders(seg Segment, translation string) error {
	want := map[int]Code{}
	for _, c := range seg.Codes {
		want[c.ID] = c
	}
	var problems []string
	seen := map[int]int{}
	var stack []int
	for _, t := range Tokenize(translation) {
		if t.Kind == TokenText {
			continue
		}
		c, ok := want[t.ID]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s is not in the source: remove it", t.Text))
			continue
		case c.Paired && t.Kind == TokenStandalone:
			problems = append(problems, fmt.Sprintf("%s must be a pair <%d>…</%d>", t.Text, t.ID, t.ID))
			continue
		case !c.Paired && t.Kind != TokenStandalone:
			problems = append(problems, fmt.Sprintf("%s must be written <%d/>", t.Text, t.ID))
			continue
		}
		switch t.Kind {
		case TokenOpen, TokenStandalone:
			seen[t.ID]++
			if seen[t.ID] > 1 {
				problems = append(problems, fmt.Sprintf("%s appears more than once: keep it once", t.Text))
			}
			if t.Kind == TokenOpen {
				stack = append(stack, t.ID)
			}
		case TokenClose:
			if len(stack) == 0 || stack[len(stack)-1] != t.ID {
				problems = append(problems, fmt.Sprintf("%s closes nothing open here: close tags in the reverse order of opening", t.Text))
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
	for _, id := range stack {
		problems = append(problems, fmt.Sprintf("<%d> is never closed: add </%d>", id, id))
	}
	var missing []int
	for id := range want {
		if seen[id] == 0 {
			missing = append(missing, id)
		}
	}
	sort.Ints(missing)
	for _, id := range missing {
		c := want[id]
		if c.Paired {
			problems = append(problems, fmt.Sprintf("<%d>…</%d> is missing: it stands for %s…%s", id, id, c.Open, c.Close))
		} else {
			problems = append(problems, fmt.Sprintf("<%d/> is missing: it stands for %s", id, c.Open))
		}
	}
	if len(problems) > 0 {
		return &PlaceholderError{Problems: problems}
	}
	return nil
}
