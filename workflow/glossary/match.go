package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// fold case-folds s with the rules of a language: x/text's lower casing
// (Turkish and Azerbaijani dotted and dotless i) and, for Russian, Kazakh,
// Ukrainian and Belarusian, ё read as е.
func fold(s string, tag language.Tag) string {
	s = cases.Lower(tag).String(s)
	switch baseOf(tag) {
	case "ru", "kk", "uk", "be":
		s = strings.ReplaceAll(s, "ё", "е")
	}
	return s
}

func baseOf(tag language.Tag) string {
	b, _ := tag.Base()
	return b.String()
}

// word is a word of a text: a run of letters, digits and marks.
type word struct {
	text   string // as written (folded, for a folded text)
	start  int    // byte offsets in the text as written
	end    int
	sep    string // the class of the separator before it (see sepClass)
	sentOK bool   // it starts a sentence
}

// isWordRune reports whether r belongs in a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// sepClass classifies the text between two words: " " for white space of
// any kind, "-" for a hyphen, otherwise the punctuation with its white
// space collapsed to single spaces.
func sepClass(s string) string {
	if strings.TrimFunc(s, unicode.IsSpace) == "" {
		return " "
	}
	switch strings.TrimFunc(s, unicode.IsSpace) {
	case "-", "‐", "‑":
		if !strings.ContainsFunc(s, unicode.IsSpace) {
			return "-"
		}
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// words cuts a text into words. With folding on, each word's text is
// folded with the language's rules.
func words(s string, tag language.Tag, folded bool) []word {
	var out []word
	last := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			j += n
		}
		between := s[last:i]
		w := word{text: s[i:j], start: i, end: j, sep: sepClass(between)}
		if folded {
			w.text = fold(w.text, tag)
		}
		trimmed := strings.TrimRightFunc(between, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune("«»„“”\"'‘’(—–-", r)
		})
		w.sentOK = len(out) == 0 || strings.HasSuffix(trimmed, ".") || strings.HasSuffix(trimmed, "!") || strings.HasSuffix(trimmed, "?") || strings.HasSuffix(trimmed, "…") || strings.HasSuffix(trimmed, ":")
		out = append(out, w)
		last = j
		i = j
	}
	return out
}

// form is a compiled form of a term: its words, each with the stems and
// the ending it may take.
type form struct {
	text  string
	lang  language.Tag
	words []formWord
	seps  []string // seps[i] is the class of the separator before words[i]; seps[0] unused
	// cased: the form is matched without folding.
	cased bool
}

type formWord struct {
	text  string
	stems []string
	// maxEnd is the longest ending in letters; endings, when set, lists
	// the only endings allowed instead.
	maxEnd  int
	endings []string
}

// compile prepares a form of a language for matching; nil when it has no
// words. With cased set, the form is matched as written, without folding.
func compile(s string, tag language.Tag, cased bool) *form {
	ws := words(s, tag, !cased)
	if len(ws) == 0 {
		return nil
	}
	f := &form{text: s, lang: tag, cased: cased}
	for _, w := range ws {
		f.words = append(f.words, stemOf(w.text, tag))
		f.seps = append(f.seps, w.sep)
	}
	return f
}

// Vowels and the like that Russian inflection replaces at the end of a word.
const ruEndings = "аеёиоуыэюяьйАЕЁИОУЫЭЮЯЬЙ"

// adjEndings are the endings of Russian adjectives in the forms a
// glossary gives (nominative).
var adjEndings = map[string]bool{"ая": true, "яя": true, "ое": true, "ее": true, "ые": true, "ие": true, "ий": true, "ый": true, "ой": true}

// soft maps a final voiceless consonant to the voiced one it becomes
// before a vowel, in Kazakh and in Turkish.
var soft = map[string]map[rune]rune{
	"kk": {'к': 'г', 'қ': 'ғ', 'п': 'б', 'К': 'Г', 'Қ': 'Ғ', 'П': 'Б'},
	"tr": {'p': 'b', 'ç': 'c', 't': 'd', 'k': 'ğ', 'P': 'B', 'Ç': 'C', 'T': 'D', 'K': 'Ğ'},
	"az": {'p': 'b', 'ç': 'c', 't': 'd', 'k': 'ğ', 'P': 'B', 'Ç': 'C', 'T': 'D', 'K': 'Ğ'},
}

// stemOf applies the stem rule of a language (see the package
// documentation) to a word of a form.
func stemOf(w string, tag language.Tag) formWord {
	rs := []rune(w)
	fw := formWord{text: w, stems: []string{w}}
	if len(rs) <= 3 {
		fw.endings = []string{""}
		return fw
	}
	switch b := baseOf(tag); b {
	case "ru", "uk", "be":
		// An adjective's ending goes whole (тюркские → тюркск-), else a
		// final vowel, ь or й (Беларусь → Беларус-, Россия → Росси-).
		n := len(rs)
		if n > 5 && adjEndings[strings.ToLower(string(rs[n-2:]))] {
			n -= 2
		} else if strings.ContainsRune(ruEndings, rs[n-1]) {
			n--
		}
		fw.stems = []string{string(rs[:n])}
		fw.maxEnd = 3
	case "kk", "tr", "az":
		fw.maxEnd = 12
		if v, ok := soft[b][rs[len(rs)-1]]; ok {
			fw.stems = append(fw.stems, string(rs[:len(rs)-1])+string(v))
		}
	case "en":
		fw.endings = []string{"", "s", "es"}
	default:
		fw.endings = []string{"", "s", "es"}
		fw.maxEnd = 2
	}
	return fw
}

// matches reports whether a word of a text is a form of the form's word,
// and how many letters of the text word are not the form word's: the
// length of the ending beyond the form as written, or of what replaces
// its stripped end.
func (fw formWord) matches(tw string) (int, bool) {
	for _, stem := range fw.stems {
		if !strings.HasPrefix(tw, stem) {
			continue
		}
		rest := tw[len(stem):]
		n := utf8.RuneCountInString(rest)
		if strings.HasPrefix(tw, fw.text) {
			n = utf8.RuneCountInString(tw) - utf8.RuneCountInString(fw.text)
		}
		if fw.endings != nil {
			for _, e := range fw.endings {
				if rest == e {
					return n, true
				}
			}
			if fw.maxEnd == 0 {
				continue
			}
		}
		if utf8.RuneCountInString(rest) <= fw.maxEnd {
			return n, true
		}
	}
	return 0, false
}

// span is where a form was found in a text: byte offsets in the text
// and the indexes of its first and last words.
type span struct {
	start, end int
	first      int
	// extra counts the letters of the text's words beyond the form's.
	extra int
	// sentence: the match starts a sentence.
	sentence bool
}

// text is a text cut into words, folded and as written.
type text struct {
	s          string
	folded, as []word
}

func newText(s string, tag language.Tag) *text {
	return &text{s: s, as: words(s, tag, false), folded: words(s, tag, true)}
}

// find returns every place the form is in the text.
func (t *text) find(f *form) []span {
	ws := t.folded
	if f.cased {
		ws = t.as
	}
	var out []span
	n := len(f.words)
	for i := 0; i+n <= len(ws); i++ {
		ok, extra := true, 0
		for k := 0; k < n && ok; k++ {
			if k > 0 && ws[i+k].sep != f.seps[k] {
				ok = false
				break
			}
			var e int
			e, ok = f.words[k].matches(ws[i+k].text)
			extra += e
		}
		if ok {
			out = append(out, span{start: ws[i].start, end: ws[i+n-1].end, first: i, extra: extra, sentence: ws[i].sentOK})
		}
	}
	return out
}

// has reports whether any of the forms is in the text.
func (t *text) has(fs []*form) bool {
	for _, f := range fs {
		if len(t.find(f)) > 0 {
			return true
		}
	}
	return false
}
