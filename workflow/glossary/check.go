package glossary

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// The names of the glossary checks, as Violation.Check gives them. They
// are stable: scripts filter on them.
const (
	CheckTerm           = "term"
	CheckForbidden      = "forbidden-term"
	CheckDoNotTranslate = "do-not-translate"
)

// Violation is one way a translation departs from the glossary.
type Violation struct {
	// Check is the stable name of the check.
	Check string
	Term  *Term
	// Entry is the term's entry in the translation's language.
	Entry *Entry
	// Found is the text of the translation that violates the glossary
	// (the forbidden variant as written); empty for term and
	// do-not-translate.
	Found string
	// Message says what is wrong and what to do, naming the glossary's
	// file and line.
	Message string
}

// Occurrence is a term found in a text.
type Occurrence struct {
	Term *Term
	// Text is the term as the text writes it.
	Text string
}

// In returns the terms of the glossary found in a text of a language
// (pulls show them beside a segment), in glossary order, each once.
func (g *Glossary) In(s string, tag language.Tag) []Occurrence {
	if g == nil {
		return nil
	}
	t := newText(s, tag)
	var out []Occurrence
	for _, term := range g.Terms {
		e := term.Entry(tag)
		if e == nil {
			continue
		}
		for _, f := range e.accepted {
			if sp := t.find(f); len(sp) > 0 {
				out = append(out, Occurrence{Term: term, Text: s[sp[0].start:sp[0].end]})
				break
			}
		}
	}
	return out
}

// Check compares a source text of language srcLang with its translation
// into lang and returns the violations of the glossary, in glossary order.
func (g *Glossary) Check(source string, srcLang language.Tag, translation string, lang language.Tag) []Violation {
	if g == nil {
		return nil
	}
	src := newText(source, srcLang)
	tr := newText(translation, lang)
	var out []Violation
	for _, term := range g.Terms {
		e := term.Entry(lang)
		if e == nil {
			continue
		}
		forbidden := g.forbidden(term, e, tr, translation)
		out = append(out, forbidden...)
		se := term.Entry(srcLang)
		if se == nil || len(forbidden) > 0 || se == e {
			continue
		}
		found := ""
		for _, f := range se.accepted {
			if sp := src.find(f); len(sp) > 0 {
				found = source[sp[0].start:sp[0].end]
				break
			}
		}
		if found == "" {
			continue
		}
		where := g.where(e.Line)
		switch {
		case e.DoNotTranslate:
			if !strings.Contains(translation, found) && !tr.has([]*form{compile(found, lang, true)}) {
				out = append(out, Violation{Check: CheckDoNotTranslate, Term: term, Entry: e,
					Message: fmt.Sprintf("%q is not translated (%s): keep it as the source writes it%s", found, where, notes(term, e))})
			}
		case len(e.accepted) > 0:
			if !tr.has(e.accepted) {
				out = append(out, Violation{Check: CheckTerm, Term: term, Entry: e,
					Message: fmt.Sprintf("%q is %s in %s (%s), not found in the translation: use it%s", found, orList(e.Accepted(), lang), lang, where, notes(term, e))})
			}
		}
	}
	return out
}

// forbidden finds the forbidden variants of a term in a translation.
func (g *Glossary) forbidden(term *Term, e *Entry, tr *text, s string) []Violation {
	var out []Violation
	var ok, okCased []span
	for i, f := range e.accepted {
		ok = append(ok, tr.find(f)...)
		okCased = append(okCased, tr.find(e.acceptedCased[i])...)
	}
	for i, f := range e.forbidden {
		for _, sp := range tr.find(f) {
			if !f.cased && inside(sp, ok) || f.cased && inside(sp, okCased) {
				continue
			}
			found := s[sp.start:sp.end]
			if f.cased && sp.sentence && onlyFirstCase(e.Forbidden[i], e.Accepted()) {
				continue
			}
			fix := "write " + orList(e.Accepted(), e.Lang)
			if len(e.Accepted()) == 0 && e.DoNotTranslate {
				fix = "keep the term as the source writes it"
			}
			out = append(out, Violation{Check: CheckForbidden, Term: term, Entry: e, Found: found,
				Message: fmt.Sprintf("%s is a forbidden variant of %s (%s): %s%s", quote(found, e.Lang), term.Name(), g.where(e.Line), fix, notes(term, e))})
			break // one finding per variant is enough
		}
	}
	return out
}

// inside reports whether a forbidden variant found at sp is part of an
// accepted form found at one of the spans: a span that holds it and is
// longer, or the same words matched more closely (Litvanya is the
// accepted Litvanya, not the forbidden Litva with an ending; Аллах is the
// forbidden Аллах, not the accepted Алла with an ending).
func inside(sp span, spans []span) bool {
	for _, o := range spans {
		if o.start <= sp.start && sp.end <= o.end && (o.start < sp.start || sp.end < o.end || o.extra <= sp.extra) {
			return true
		}
	}
	return false
}

// onlyFirstCase reports whether the variant differs from an accepted form
// in the case of its first letter alone: at the start of a sentence, it is
// that form capitalised.
func onlyFirstCase(variant string, accepted []string) bool {
	r, n := utf8.DecodeRuneInString(variant)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, a := range accepted {
		ar, an := utf8.DecodeRuneInString(a)
		if unicode.ToUpper(ar) == r && a[an:] == variant[n:] {
			return true
		}
		if strings.Contains(a, string(unicode.ToLower(r))+variant[n:]) {
			return true
		}
	}
	return false
}

func (g *Glossary) where(line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", g.File, line)
	}
	return g.File
}

// notes returns the term's and the entry's notes as a suffix of a message.
func notes(t *Term, e *Entry) string {
	var ns []string
	for _, n := range []string{t.Note, e.Note} {
		if n = strings.TrimSpace(n); n != "" {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return ""
	}
	return " (" + strings.Join(ns, "; ") + ")"
}

// quote quotes a text as the language does: «…» for Russian and Kazakh,
// “…” otherwise.
func quote(s string, tag language.Tag) string {
	switch baseOf(tag) {
	case "ru", "kk", "uk", "be":
		return "«" + s + "»"
	}
	return "“" + s + "”"
}

// orList quotes forms as alternatives: «a», «b» or «c».
func orList(forms []string, tag language.Tag) string {
	var qs []string
	for _, f := range forms {
		qs = append(qs, quote(f, tag))
	}
	switch len(qs) {
	case 0:
		return "the glossary's form"
	case 1:
		return qs[0]
	}
	return strings.Join(qs[:len(qs)-1], ", ") + " or " + qs[len(qs)-1]
}
