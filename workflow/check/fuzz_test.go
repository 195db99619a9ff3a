package check

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// FuzzExtract checks that the link and number readers never panic, that
// every link they return is the text at its span, and that every number
// is made of digits and separators and has a part per digit group.
func FuzzExtract(f *testing.F) {
	for _, tt := range translationTests {
		f.Add(tt.source)
		f.Add(tt.tr)
	}
	f.Add("https://a.b/(c)) www. mailto: x@y.zz @ a@.b 1,2.3 4 567 8:90 1/2/3")
	f.Add("0@0.0A@0.0A https://x@y.zz/a@b.cc")
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, l := range links(s) {
			if l.start < last || l.end > len(s) || l.start >= l.end || s[l.start:l.end] != l.text {
				t.Fatalf("link %+v is not a span of %q after the link before (ending at %d)", l, s, last)
			}
			last = l.end
		}
		for _, n := range numbersIn(s) {
			if !strings.Contains(s, n.text) || n.text == "" || !isDigit(rune(n.text[0])) {
				t.Fatalf("number %q is not in %q", n.text, s)
			}
			if len(n.parts) == 0 {
				t.Fatalf("number %q has no parts", n.text)
			}
		}
		_ = ending(s)
		_ = splitActions(s)
	})
}

// FuzzTranslation checks that the checks never panic on any pair and that
// every problem has a name, a severity and a valid UTF-8 message.
func FuzzTranslation(f *testing.F) {
	for _, tt := range translationTests {
		f.Add(tt.source, tt.tr, tt.template)
	}
	f.Fuzz(func(t *testing.T, source, translation string, template bool) {
		for _, lang := range []language.Tag{ru, kk, tr} {
			for _, p := range Translation(Pair{Source: source, Translation: translation, SourceLang: en, Lang: lang, Template: template}) {
				if p.Check == "" || p.Severity != Error && p.Severity != Warning || !utf8.ValidString(p.Message) && utf8.ValidString(source) && utf8.ValidString(translation) {
					t.Fatalf("bad problem %+v", p)
				}
			}
		}
	})
}
