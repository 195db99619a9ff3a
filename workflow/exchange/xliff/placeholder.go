package xliff

import "fmt"

// tokKind is the kind of a piece of placeholder text.
type tokKind uint8

const (
	tokText       tokKind = iota // plain text
	tokOpen                      // <N>
	tokClose                     // </N>
	tokStandalone                // <N/>
)

// token is a piece of placeholder text: plain text or a placeholder.
type token struct {
	kind tokKind
	s    string // the text for tokText, the id N otherwise
}

// String returns the token as it appears in placeholder text.
func (t token) String() string {
	switch t.kind {
	case tokOpen:
		return "<" + t.s + ">"
	case tokClose:
		return "</" + t.s + ">"
	case tokStandalone:
		return "<" + t.s + "/>"
	}
	return t.s
}

// matchPlaceholder reports whether s starts with a placeholder token and
// returns it with its length in bytes.
func matchPlaceholder(s string) (token, int, bool) {
	if len(s) < 3 || s[0] != '<' {
		return token{}, 0, false
	}
	i := 1
	closing := s[i] == '/'
	if closing {
		i++
	}
	j := i
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j == i || j == len(s) {
		return token{}, 0, false
	}
	id := s[i:j]
	switch {
	case s[j] == '>' && closing:
		return token{tokClose, id}, j + 1, true
	case s[j] == '>':
		return token{tokOpen, id}, j + 1, true
	case !closing && s[j] == '/' && j+1 < len(s) && s[j+1] == '>':
		return token{tokStandalone, id}, j + 2, true
	}
	return token{}, 0, false
}

// tokenize splits placeholder text into plain text and placeholders.
// Adjacent plain text is returned as one token.
func tokenize(s string) []token {
	var toks []token
	start := 0
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if t, n, ok := matchPlaceholder(s[i:]); ok {
				if start < i {
					toks = append(toks, token{tokText, s[start:i]})
				}
				toks = append(toks, t)
				i += n
				start = i
				continue
			}
		}
		i++
	}
	if start < len(s) {
		toks = append(toks, token{tokText, s[start:]})
	}
	return toks
}

// firstPlaceholder returns the first placeholder token in plain text s.
func firstPlaceholder(s string) (string, bool) {
	for _, t := range tokenize(s) {
		if t.kind != tokText {
			return t.String(), true
		}
	}
	return "", false
}

// placeholders checks the structure of placeholder text: paired
// placeholders nest and close, and no id is used twice. It returns, for
// each id, whether it is paired, and a description of each problem.
func placeholders(s string) (map[string]bool, []string) {
	kinds := map[string]bool{}
	var probs []string
	var stack []string
	open := map[string]int{} // how many times the stack holds each id
	pop := func() {
		open[stack[len(stack)-1]]--
		stack = stack[:len(stack)-1]
	}
	for _, t := range tokenize(s) {
		switch t.kind {
		case tokOpen, tokStandalone:
			if _, dup := kinds[t.s]; dup {
				probs = append(probs, fmt.Sprintf("placeholder id %s is used twice", t.s))
			}
			kinds[t.s] = t.kind == tokOpen
			if t.kind == tokOpen {
				stack = append(stack, t.s)
				open[t.s]++
			}
		case tokClose:
			switch {
			case len(stack) > 0 && stack[len(stack)-1] == t.s:
				pop()
			case open[t.s] > 0:
				probs = append(probs, fmt.Sprintf("placeholders <%s> and <%s> overlap", t.s, stack[len(stack)-1]))
				for stack[len(stack)-1] != t.s {
					pop()
				}
				pop()
			default:
				probs = append(probs, fmt.Sprintf("</%s> closes no open placeholder", t.s))
			}
		}
	}
	for _, id := range stack {
		probs = append(probs, fmt.Sprintf("placeholder <%s> is never closed", id))
	}
	return kinds, probs
}
