package check

import (
	"fmt"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// closers may follow a sentence's final punctuation: closing brackets and
// quotes of every style (“…”, „…“, «…», »…«, ‘…’), ignored when reading
// how a text ends.
const closers = ")]}»«›‹”“’‘\"'」』〉》"

// endings names the classes of final punctuation.
var endings = map[string]string{
	"":  "no punctuation",
	".": "a period (.)",
	"?": "a question mark (?)",
	"!": "an exclamation mark (!)",
	"…": "an ellipsis (… or ...)",
	":": "a colon (:)",
	";": "a semicolon (;)",
	",": "a comma (,)",
}

// ending returns the class of a text's final punctuation: "?" when it has
// a question mark (also "?!", "!?"), "!" for an exclamation mark, "…" for
// an ellipsis (… or ...), then ".", ":", ";", ",", or "" for none.
// White space, placeholders and closing quotes and brackets at the end are
// skipped.
func ending(text string) string {
	text = strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || r == obj || strings.ContainsRune(closers, r)
	})
	run := text[len(strings.TrimRightFunc(text, func(r rune) bool { return strings.ContainsRune(".?!…:;,。？！؟", r) })):]
	switch {
	case run == "":
		return ""
	case strings.ContainsAny(run, "?？؟"):
		return "?"
	case strings.ContainsAny(run, "!！"):
		return "!"
	case strings.Contains(run, "…") || strings.Contains(run, ".."):
		return "…"
	}
	r, _ := utf8.DecodeLastRuneInString(run)
	if r == '。' {
		return "."
	}
	return string(r)
}

// punctuation checks that source and translation end alike.
func punctuation(src, tr view) []Problem {
	a, b := ending(src.text), ending(tr.text)
	if a == b || len(wordsOf(src.text)) == 0 {
		return nil
	}
	return []Problem{{Punctuation, Warning, fmt.Sprintf("the source ends with %s, the translation with %s: end it the same way unless the language needs otherwise", endings[a], endings[b])}}
}

// unbalanced checks that the brackets and the quotes of the translation
// pair up. Each group is checked only when it pairs up in the source: a
// quotation running over several sentences opens in one segment and
// closes in another.
func unbalanced(src, tr view) []Problem {
	var out []Problem
	s, t := src.noLinks(), tr.noLinks()
	if bracketProblem(s, tr.template) == "" {
		if msg := bracketProblem(t, tr.template); msg != "" {
			out = append(out, Problem{Unbalanced, Warning, msg})
		}
	}
	if quoteProblem(s) == "" {
		if msg := quoteProblem(t); msg != "" {
			out = append(out, Problem{Unbalanced, Warning, msg})
		}
	}
	return out
}

// bracketProblem says what is wrong with the brackets of a text, or "".
// In a template, braces belong to {{…}} actions: the template check
// reads them.
func bracketProblem(s string, template bool) string {
	pairs := map[rune]rune{'(': ')', '[': ']', '{': '}'}
	if template {
		delete(pairs, '{')
	}
	return pairProblem(s, pairs)
}

// quoteProblem says what is wrong with the quotes of a text, or "":
// guillemets must nest (« » or, as in German and Danish, » «; ‹ › alike),
// straight double quotes and curly double quotes (“…”, „…“, ”…”) must come
// in even numbers. Single quotes are not checked: ’ is also an apostrophe.
func quoteProblem(s string) string {
	pairs := map[rune]rune{'«': '»', '‹': '›'}
	if i, j := strings.IndexRune(s, '»'), strings.IndexRune(s, '«'); i >= 0 && (j < 0 || i < j) {
		pairs = map[rune]rune{'»': '«', '›': '‹'}
	}
	if msg := pairProblem(s, pairs); msg != "" {
		return msg
	}
	if n := strings.Count(s, `"`); n%2 == 1 {
		return `a straight quote " is not closed (an odd number of them): close the quotation or remove the extra "`
	}
	if n := strings.Count(s, "“") + strings.Count(s, "”") + strings.Count(s, "„") + strings.Count(s, "‟"); n%2 == 1 {
		return "a curly quote (“ ” „) is not closed (an odd number of them): close the quotation or remove the extra quote"
	}
	return ""
}

// pairProblem checks that the brackets in pairs (opening to closing) nest.
func pairProblem(s string, pairs map[rune]rune) string {
	closing := map[rune]rune{}
	for o, c := range pairs {
		closing[c] = o
	}
	var stack []rune
	for _, r := range s {
		if _, ok := pairs[r]; ok {
			stack = append(stack, r)
			continue
		}
		o, ok := closing[r]
		if !ok {
			continue
		}
		if len(stack) == 0 {
			return fmt.Sprintf("%c closes nothing: remove it or add %c before it", r, o)
		}
		if top := stack[len(stack)-1]; top != o {
			return fmt.Sprintf("%c closes %c: close %c first with %c", r, top, top, pairs[top])
		}
		stack = stack[:len(stack)-1]
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		return fmt.Sprintf("%c is never closed: add %c", o, pairs[o])
	}
	return ""
}

// typography gives hints on the conventions of the translation's
// language: Russian and Kazakh quote with «ёлочки» (and „лапки“ inside
// them), not with straight "…" quotes.
func typography(tr view, lang language.Tag) []Problem {
	base, _ := lang.Base()
	name := map[string]string{"ru": "Russian", "kk": "Kazakh"}[base.String()]
	if name == "" {
		return nil
	}
	s := tr.noLinks()
	prev := rune(0)
	for _, r := range s {
		if r == '"' && !isDigit(prev) { // 5'10" is inches
			return []Problem{{Typography, Warning, fmt.Sprintf(`straight quotes "…": %s uses «…» (and „…“ inside them): write «…»`, name)}}
		}
		prev = r
	}
	return nil
}

// templateActions checks the go-i18n template actions {{…}} of a
// translation: each action of the source kept, none added, and the
// translation a valid text/template.
func templateActions(source, translation string) []Problem {
	if !strings.Contains(source, "{{") && !strings.Contains(translation, "{{") && !strings.Contains(translation, "}}") {
		return nil
	}
	var out []Problem
	if _, err := template.New("").Parse(translation); err != nil {
		msg := strings.TrimPrefix(err.Error(), "template: :")
		msg = strings.TrimLeft(msg, "0123456789")
		msg = strings.TrimPrefix(msg, ": ")
		out = append(out, Problem{Template, Error, fmt.Sprintf("the template does not parse (%s): write each {{.Name}} exactly as in the source", msg)})
	}
	want, have := actionSet(source), actionSet(translation)
	for _, a := range want.order {
		if !have.set[a] {
			out = append(out, Problem{Template, Error, fmt.Sprintf("%s is missing: keep it exactly as in the source, go-i18n fills it in", want.text[a])})
		}
	}
	for _, a := range have.order {
		if !want.set[a] {
			out = append(out, Problem{Template, Error, fmt.Sprintf("%s is not in the source: go-i18n has no such value; use the source's actions (%s) or remove it", have.text[a], strings.Join(want.texts(), " "))})
		}
	}
	return out
}

// actions are the template actions of a text, by normalised form
// ({{ .Count }} and {{.Count}} are the same action).
type actions struct {
	order []string
	set   map[string]bool
	text  map[string]string
}

func (a actions) texts() []string {
	var out []string
	for _, k := range a.order {
		out = append(out, a.text[k])
	}
	if out == nil {
		out = []string{"none"}
	}
	return out
}

func actionSet(s string) actions {
	a := actions{set: map[string]bool{}, text: map[string]string{}}
	for _, p := range splitActions(s) {
		if !p.action {
			continue
		}
		k := strings.TrimSuffix(strings.TrimPrefix(p.text, "{{"), "}}")
		k = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(k), "- "), " -")
		k = strings.Join(strings.Fields(k), " ")
		if !a.set[k] {
			a.set[k] = true
			a.text[k] = p.text
			a.order = append(a.order, k)
		}
	}
	return a
}
