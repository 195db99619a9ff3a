package check

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/language"
)

// Script is the name of the wrong-script check.
const Script = "script"

// scriptOf says which script a language is written in, for the script
// check: "Cyrl", "Latn" or "" for languages the check does not know.
func scriptOf(lang language.Tag) string {
	if s, conf := lang.Script(); conf == language.Exact || conf == language.High {
		switch s.String() {
		case "Cyrl", "Latn":
			return s.String()
		}
	}
	switch baseOf(lang) {
	case "ru", "kk", "uk", "be", "ky", "tg", "mn", "bg", "mk":
		return "Cyrl"
	case "en", "tr", "az", "uz", "de", "fr", "es", "it", "pt", "pl", "nl":
		return "Latn"
	}
	return ""
}

func baseOf(lang language.Tag) string {
	b, _ := lang.Base()
	return b.String()
}

// langName names a language in messages.
func langName(lang language.Tag) string {
	switch baseOf(lang) {
	case "ru":
		return "Russian"
	case "kk":
		return "Kazakh"
	case "tr":
		return "Turkish"
	case "en":
		return "English"
	}
	return lang.String()
}

// kazakhLetters are the letters of the Kazakh Cyrillic alphabet that
// Russian does not have.
const kazakhLetters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

// WrongScript checks that a translation is written in its language's
// script:
//
//   - Cyrillic letters in a language written in Latin (tr, en): the text
//     is another language's, or in the wrong file (error);
//   - a word that mixes Latin and Cyrillic letters in a language written
//     in Cyrillic (ru, kk): Latin look-alikes typed by mistake, as the
//     Latin a of «Токаевa» (error);
//   - no letter of the language's script in a translation of three words
//     or more (error);
//   - in Kazakh, a long translation (eight Cyrillic words or more) with no
//     Kazakh letter (ә ғ қ ң ө ұ ү һ і): Russian text, most likely
//     (warning); in Russian, a word with a Kazakh letter (Тоқаев for
//     Токаев) (warning).
//
// Words that the source writes the same way (a name quoted in its own
// script) are not reported, and neither is a translation that is the
// source unchanged (the untranslated check reports it).
func WrongScript(p Pair) []Problem {
	script := scriptOf(p.Lang)
	if script == "" || strings.TrimSpace(p.Source) == strings.TrimSpace(p.Translation) {
		return nil
	}
	tr := newView(p.Translation, p.Template).noLinks()
	inSource := map[string]bool{}
	for _, w := range wordsOf(newView(p.Source, p.Template).noLinks()) {
		inSource[w] = true
	}
	words := wordsOf(tr)
	var out []Problem
	var cyr, mixed, kazakh []string
	nScript, nCyr, nKazakhLetters := 0, 0, 0
	for _, w := range words {
		hasCyr, hasLat := false, false
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				hasCyr = true
			case unicode.Is(unicode.Latin, r):
				hasLat = true
			}
			if strings.ContainsRune(kazakhLetters, r) {
				nKazakhLetters++
			}
		}
		if hasCyr {
			nCyr++
		}
		if script == "Cyrl" && hasCyr || script == "Latn" && hasLat {
			nScript++
		}
		if inSource[w] {
			continue
		}
		switch {
		case script == "Latn" && hasCyr:
			cyr = append(cyr, w)
		case script == "Cyrl" && hasCyr && hasLat:
			mixed = append(mixed, w)
		case baseOf(p.Lang) == "ru" && hasCyr && strings.ContainsAny(w, kazakhLetters[:len(kazakhLetters)-len("іІ")]):
			kazakh = append(kazakh, w)
		}
	}
	if len(cyr) > 0 {
		out = append(out, Problem{Script, Error, fmt.Sprintf("Cyrillic letters in a %s translation: %s: the text is in another language or in the wrong file; translate it into %s", langName(p.Lang), excerptWords(cyr), langName(p.Lang))})
	}
	for _, w := range firstN(mixed, 3) {
		out = append(out, Problem{Script, Error, fmt.Sprintf("«%s» mixes Latin letters (%s) into a Cyrillic word: retype them in Cyrillic", w, latinIn(w))})
	}
	if len(cyr) == 0 && len(words) >= 3 && nScript == 0 && len(wordsWithLetters(words)) >= 3 {
		want := "Cyrillic"
		if script == "Latn" {
			want = "Latin"
		}
		out = append(out, Problem{Script, Error, fmt.Sprintf("the translation has no %s letters, which %s is written in: translate it into %s", want, langName(p.Lang), langName(p.Lang))})
	}
	if baseOf(p.Lang) == "kk" && script == "Cyrl" && nCyr >= 8 && nKazakhLetters == 0 {
		out = append(out, Problem{Script, Warning, fmt.Sprintf("%d Cyrillic words and not one Kazakh letter (ә ғ қ ң ө ұ ү һ і): this reads as Russian; translate it into Kazakh", nCyr)})
	}
	if len(kazakh) > 0 {
		out = append(out, Problem{Script, Warning, fmt.Sprintf("Kazakh letters in a Russian translation: %s: Russian spelling uses Russian letters (Токаев, Казахстан)", excerptWords(kazakh))})
	}
	return out
}

// wordsWithLetters returns the words that have a letter.
func wordsWithLetters(ws []string) []string {
	var out []string
	for _, w := range ws {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			out = append(out, w)
		}
	}
	return out
}

// latinIn lists the Latin letters of a word.
func latinIn(w string) string {
	var ls []string
	seen := map[rune]bool{}
	for _, r := range w {
		if unicode.Is(unicode.Latin, r) && !seen[r] {
			seen[r] = true
			ls = append(ls, string(r))
		}
	}
	return strings.Join(ls, " ")
}

func firstN(ss []string, n int) []string {
	if len(ss) > n {
		return ss[:n]
	}
	return ss
}

// excerptWords quotes the first words of a list: «a», «b», «c» and N more.
func excerptWords(ws []string) string {
	var qs []string
	for _, w := range firstN(ws, 3) {
		qs = append(qs, "«"+w+"»")
	}
	s := strings.Join(qs, ", ")
	if len(ws) > 3 {
		s += fmt.Sprintf(" and %d more", len(ws)-3)
	}
	return s
}
