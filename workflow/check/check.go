package check

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/segment"
)

// Severity says whether a problem must be fixed (Error) or looked at (Warning).
type Severity string

// The severities of problems.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// The names of the checks, as Problem.Check gives them. They are stable:
// scripts filter on them.
const (
	Empty        = "empty"
	Placeholders = "placeholders"
	Template     = "template"
	URLs         = "urls"
	Numbers      = "numbers"
	Untranslated = "untranslated"
	Whitespace   = "whitespace"
	Punctuation  = "punctuation"
	Unbalanced   = "unbalanced"
	Typography   = "typography"
	Plurals      = "plural"
)

// Problem is one thing a check found wrong with a translation.
type Problem struct {
	// Check is the stable name of the check.
	Check    string
	Severity Severity
	// Message says what is wrong and what to do.
	Message string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %s", p.Severity, p.Check, p.Message)
}

// Pair is a source text and its translation, as the checks see them.
type Pair struct {
	Source, Translation string
	SourceLang, Lang    language.Tag
	// Codes are the placeholders of Source as segment.Split found them;
	// messages then say what markup a lost placeholder stands for. When nil
	// they are read from Source.
	Codes []segment.Code
	// Template says both texts are go-i18n templates: {{…}} actions must be
	// kept, and the text checks skip them.
	Template bool
}

// Translation runs every check on a pair and returns the problems found, in
// the order of the table in the package documentation. An empty
// translation gets only the "empty" problem.
func Translation(p Pair) []Problem {
	if strings.TrimFunc(p.Translation, unicode.IsSpace) == "" {
		return []Problem{{Empty, Error, "the translation is empty or only white space: translate the segment, or delete the entry so that status shows it as missing"}}
	}
	src := newView(p.Source, p.Template)
	tr := newView(p.Translation, p.Template)
	var out []Problem
	out = append(out, placeholders(p)...)
	if p.Template {
		out = append(out, templateActions(p.Source, p.Translation)...)
	}
	out = append(out, urls(src, tr)...)
	out = append(out, numbers(src, tr)...)
	out = append(out, untranslated(p, src)...)
	out = append(out, whitespace(p.Source, p.Translation)...)
	out = append(out, punctuation(src, tr)...)
	out = append(out, unbalanced(src, tr)...)
	out = append(out, typography(tr, p.Lang)...)
	return out
}

// placeholders checks the inline markup with segment.CheckPlaceholders.
func placeholders(p Pair) []Problem {
	codes, known := p.Codes, true
	if codes == nil {
		codes, known = codesOf(p.Source), false
	}
	err := segment.CheckPlaceholders(segment.Segment{Text: p.Source, Codes: codes}, p.Translation)
	pe, ok := err.(*segment.PlaceholderError)
	if !ok {
		return nil
	}
	var out []Problem
	for _, msg := range pe.Problems {
		if i := strings.Index(msg, " is missing: it stands for "); i >= 0 {
			if !known {
				msg = msg[:i] + " is missing"
			}
			msg += ": put it back in the translation where it belongs"
		}
		out = append(out, Problem{Placeholders, Error, "markup " + msg})
	}
	return out
}

// codesOf reads the placeholders of a source text, without the markup
// they stand for.
func codesOf(source string) []segment.Code {
	var codes []segment.Code
	seen := map[int]bool{}
	for _, t := range segment.Tokenize(source) {
		if (t.Kind == segment.TokenOpen || t.Kind == segment.TokenStandalone) && !seen[t.ID] {
			seen[t.ID] = true
			codes = append(codes, segment.Code{ID: t.ID, Paired: t.Kind == segment.TokenOpen})
		}
	}
	if codes == nil {
		codes = []segment.Code{}
	}
	return codes
}

// urls checks that every URL and e-mail address of the source is in the
// translation unchanged.
func urls(src, tr view) []Problem {
	var out []Problem
	seen := map[string]bool{}
	for _, l := range links(src.text) {
		if seen[l.text] || strings.Contains(tr.text, l.text) {
			continue
		}
		seen[l.text] = true
		what := "URL"
		if l.email {
			what = "e-mail address"
		}
		out = append(out, Problem{URLs, Error, fmt.Sprintf("the %s %s is not in the translation: copy it unchanged from the source", what, l.text)})
	}
	return out
}

// numbers checks that every number of the source is in the translation,
// in any locale's format.
func numbers(src, tr view) []Problem {
	missing := missingNumbers(numbersIn(src.noLinks()), numbersIn(tr.noLinks()))
	var out []Problem
	for _, n := range missing {
		out = append(out, Problem{Numbers, Warning, fmt.Sprintf("the number %s is not in the translation: keep it (locale formats such as 1 000, 1.000 or 3,5 are fine; ignore this if you wrote it out in words)", n.text)})
	}
	return out
}

// untranslated warns about a translation that is the source text itself,
// when the source is more than a couple of words and not just a name.
func untranslated(p Pair, src view) []Problem {
	if strings.TrimSpace(p.Source) != strings.TrimSpace(p.Translation) {
		return nil
	}
	words := wordsOf(src.noLinks())
	if len(words) < 3 {
		return nil
	}
	name := true
	for _, w := range words {
		if r := []rune(w)[0]; unicode.IsLetter(r) && !unicode.IsUpper(r) {
			name = false
			break
		}
	}
	if name {
		return nil
	}
	return []Problem{{Untranslated, Warning, "the translation is the source text unchanged: translate it"}}
}

// wordsOf returns the runs of letters and digits of a text.
func wordsOf(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// whitespace checks leading and trailing white space and double spaces.
func whitespace(source, translation string) []Problem {
	var out []Problem
	lead := func(s string) string { return s[:len(s)-len(strings.TrimLeftFunc(s, unicode.IsSpace))] }
	trail := func(s string) string { return s[len(strings.TrimRightFunc(s, unicode.IsSpace)):] }
	if a, b := lead(source), lead(translation); a != b {
		out = append(out, Problem{Whitespace, Warning, fmt.Sprintf("the translation starts with white space %s, the source with %s: start it as the source does", quoteSpace(b), quoteSpace(a))})
	}
	if a, b := trail(source), trail(translation); a != b {
		out = append(out, Problem{Whitespace, Warning, fmt.Sprintf("the translation ends with white space %s, the source with %s: end it as the source does", quoteSpace(b), quoteSpace(a))})
	}
	if at := doubleSpace(strings.TrimSpace(translation)); at >= 0 && doubleSpace(strings.TrimSpace(source)) < 0 {
		before := []rune(strings.TrimSpace(translation)[:at])
		if len(before) > 20 {
			before = append([]rune("…"), before[len(before)-20:]...)
		}
		out = append(out, Problem{Whitespace, Warning, fmt.Sprintf("double space after %q: use one space", string(before))})
	}
	return out
}

// quoteSpace shows white space legibly: "none" or a quoted string.
func quoteSpace(s string) string {
	if s == "" {
		return "none"
	}
	return fmt.Sprintf("%q", s)
}

// doubleSpace returns the byte offset of the first run of two or more
// spaces (not line breaks) in s, or -1.
func doubleSpace(s string) int {
	start, n := 0, 0
	for i, r := range s {
		if r != ' ' && r != '\t' && r != '\u00a0' && r != '\u202f' && r != '\u2009' && r != '\u2007' {
			n = 0
			continue
		}
		if n == 0 {
			start = i
		}
		if n++; n == 2 {
			return start
		}
	}
	return -1
}
