package sentence

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// fuzzTags are the languages FuzzSplit checks every input with.
var fuzzTags = []language.Tag{language.English, language.Russian, language.Kazakh, language.Turkish, language.Und}

// FuzzSplit checks the properties of Split on any input and for every
// language: no panic; spans in order, not overlapping and within the text;
// each span non-empty with no white space at either end; only white space
// between, before and after the spans; no span edge inside a placeholder.
// The golden cases seed the corpus.
func FuzzSplit(f *testing.F) {
	for _, lang := range goldenLanguages {
		for _, c := range readGolden(f, lang) {
			f.Add(c.Text)
		}
	}
	for _, s := range []string{
		"", " ", "<1>", "</1>.", "<1/>. X", "a.<1> B", "a. </1> B", "<12345678901234567890>. A",
		"x. . . . . . .", ". . . .", "\xff. \xfeA", "Hello.\xc2\xa0World", "。。。", "a。b",
		"Mr. ", "т. е.", "1. 2. 3. 4.", "a.\u2028B", "«»«». «", "U.S.A.B.C.D.E.F.G. The",
	} {
		f.Add(s)
	}
	splitters := make([]*Splitter, len(fuzzTags))
	for i, tag := range fuzzTags {
		splitters[i] = New(tag)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for i, s := range splitters {
			checkSpans(t, fuzzTags[i].String(), text, s.Split(text))
		}
	})
}

// checkSpans fails t unless spans is a valid split of text.
func checkSpans(t *testing.T, lang, text string, spans []Span) {
	t.Helper()
	inside := placeholderInterior(text)
	prev := 0
	for i, sp := range spans {
		switch {
		case sp.Start < prev || sp.End > len(text) || sp.Start >= sp.End:
			t.Fatalf("%s: span %d %v out of order or empty (previous end %d, len %d) in %q", lang, i, sp, prev, len(text), text)
		case !onlySpace(text[prev:sp.Start]):
			t.Fatalf("%s: non-space text %q before span %d %v in %q", lang, text[prev:sp.Start], i, sp, text)
		case startsWithSpace(text[sp.Start:sp.End]) || endsWithSpace(text[sp.Start:sp.End]):
			t.Fatalf("%s: span %d %q has white space at an end (text %q)", lang, i, text[sp.Start:sp.End], text)
		case inside[sp.Start] || inside[sp.End]:
			t.Fatalf("%s: span %d %v cuts a placeholder in %q", lang, i, sp, text)
		}
		prev = sp.End
	}
	if !onlySpace(text[prev:]) {
		t.Fatalf("%s: non-space text %q after the last span in %q", lang, text[prev:], text)
	}
	if len(spans) == 0 && !onlySpace(text) {
		t.Fatalf("%s: no spans for non-space text %q", lang, text)
	}
}

// placeholderInterior marks the byte offsets that fall strictly inside a
// placeholder <N>, </N> or <N/>: a span may neither start nor end there.
func placeholderInterior(text string) []bool {
	inside := make([]bool, len(text)+1)
	for i := 0; i < len(text); i++ {
		if _, size := placeholderAt(text, i); size > 0 {
			for j := i + 1; j < i+size; j++ {
				inside[j] = true
			}
			i += size - 1
		}
	}
	return inside
}

// isSpaceRune is the test's own notion of white space: a valid rune that
// unicode.IsSpace accepts; invalid bytes are not space.
func isSpaceRune(s string) (bool, int) {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return false, 1
	}
	return unicode.IsSpace(r), size
}

func onlySpace(s string) bool {
	for i := 0; i < len(s); {
		sp, size := isSpaceRune(s[i:])
		if !sp {
			return false
		}
		i += size
	}
	return true
}

func startsWithSpace(s string) bool {
	sp, _ := isSpaceRune(s)
	return s != "" && sp
}

func endsWithSpace(s string) bool {
	r, size := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return false
	}
	return unicode.IsSpace(r)
}
