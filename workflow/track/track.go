package track

import (
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Threshold is the word similarity from which an edited segment is taken
// for the same segment as before. 0.5 keeps a segment through a rewrite of
// up to about half its words.
const Threshold = 0.5

// Old is a segment of the previous version.
type Old struct {
	ID   string
	Text string
}

// Match says how a new segment found its ID.
type Match int

// How a segment got its ID.
const (
	Fresh  Match = iota // a new segment
	Same                // same text as before
	Edited              // an edited segment that kept its ID
)

// Result is the ID of one new segment and how it was found.
type Result struct {
	ID    string
	Match Match
	// Old is the index of the matched old segment, or -1.
	Old int
}

// Assign returns an ID for each of the new texts (in document order), given
// the old segments in their document order. reserved IDs are never given to
// a fresh segment.
func Assign(old []Old, texts []string, lang language.Tag, reserved ...string) []Result {
	res := make([]Result, len(texts))
	used := make([]bool, len(old))
	byText := map[string][]int{}
	for i, o := range old {
		byText[o.Text] = append(byText[o.Text], i)
	}
	for j, t := range texts {
		res[j] = Result{Old: -1}
		if q := byText[t]; len(q) > 0 {
			res[j] = Result{ID: old[q[0]].ID, Match: Same, Old: q[0]}
			used[q[0]] = true
			byText[t] = q[1:]
		}
	}
	matchEdited(old, texts, used, res)

	taken := map[string]bool{}
	for _, r := range reserved {
		taken[r] = true
	}
	for _, r := range res {
		if r.ID != "" {
			taken[r.ID] = true
		}
	}
	for j, t := range texts {
		if res[j].ID == "" {
			id := NewID(t, lang, taken)
			taken[id] = true
			res[j].ID = id
		}
	}
	return res
}

// matchEdited pairs unmatched old and new segments that lie next to the
// same matched neighbours: a gap is named by the matched segment before it
// and by the one after it, and an unmatched new segment is compared with
// the unmatched old ones of the gaps that share either neighbour (or sit
// next to them). The cost is linear in the number of segments for a
// document with scattered edits.
func matchEdited(old []Old, texts []string, used []bool, res []Result) {
	// old gaps, by the old index of their matched neighbour before and after
	byPrev, byNext := map[int][]int{}, map[int][]int{}
	prev := -1
	for i := range old {
		if used[i] {
			prev = i
			continue
		}
		byPrev[prev] = append(byPrev[prev], i)
	}
	next := len(old)
	for i := len(old) - 1; i >= 0; i-- {
		if used[i] {
			next = i
			continue
		}
		byNext[next] = append(byNext[next], i)
	}
	if len(byPrev) == 0 {
		return
	}
	// the neighbours of each new segment, as old indices
	nextOf := make([]int, len(res))
	next = len(old)
	for j := len(res) - 1; j >= 0; j-- {
		nextOf[j] = next
		if res[j].Match == Same {
			next = res[j].Old
		}
	}
	type pair struct {
		score float64
		o, n  int
	}
	var pairs []pair
	oldWords := map[int][]string{}
	prev = -1
	for j, r := range res {
		if r.Match == Same {
			prev = r.Old
			continue
		}
		nw := Words(texts[j])
		seen := map[int]bool{}
		var cands []int
		for _, g := range []int{prev, prevMatched(used, prev), nextMatched(used, prev)} {
			cands = append(cands, byPrev[g]...)
		}
		n := nextOf[j]
		for _, g := range []int{n, prevMatched(used, n), nextMatched(used, n)} {
			cands = append(cands, byNext[g]...)
		}
		for _, i := range cands {
			if seen[i] {
				continue
			}
			seen[i] = true
			ow, ok := oldWords[i]
			if !ok {
				ow = Words(old[i].Text)
				oldWords[i] = ow
			}
			if s := Similarity(ow, nw); s >= Threshold {
				pairs = append(pairs, pair{s, i, j})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool {
		if pairs[a].score != pairs[b].score {
			return pairs[a].score > pairs[b].score
		}
		if pairs[a].n != pairs[b].n {
			return pairs[a].n < pairs[b].n
		}
		return pairs[a].o < pairs[b].o
	})
	for _, p := range pairs {
		if used[p.o] || res[p.n].ID != "" {
			continue
		}
		used[p.o] = true
		res[p.n] = Result{ID: old[p.o].ID, Match: Edited, Old: p.o}
	}
}

func prevMatched(used []bool, i int) int {
	for i--; i >= 0; i-- {
		if used[i] {
			return i
		}
	}
	return -1
}

func nextMatched(used []bool, i int) int {
	for i++; i < len(used); i++ {
		if used[i] {
			return i
		}
	}
	return len(used) // the end of the document
}

// Words returns the lower-cased words of a text, placeholders left out.
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Similarity is the Dice coefficient of two word lists: twice the number of
// words they share over the number of words in both.
func Similarity(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// NewID makes an ID for a segment text: its first words and four hex digits
// of its hash, with a counter when that is taken. The words are lower-cased
// by the rules of lang (Turkish "İstanbul" → "istanbul", "TÜİK" → "tüik"),
// then Latin letters are folded to ASCII ("tüik" → "tuik", "Straße" →
// "strasse"); letters of other scripts stay as they are ("новый",
// "қазақстан").
func NewID(text string, lang language.Tag, taken map[string]bool) string {
	sum := sha1.Sum([]byte(text))
	h := hex.EncodeToString(sum[:2])
	slug := slugOf(text, lang)
	base := h
	if slug != "" {
		base = slug + "-" + h
	}
	id := base
	for n := 2; taken[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

// slugOf returns the first three words of text, lower-cased, with Latin
// letters folded to ASCII, each cut to 12 letters, joined by hyphens.
func slugOf(text string, lang language.Tag) string {
	plain := foldLatin(cases.Lower(lang).String(text))
	var words []string
	for _, w := range strings.FieldsFunc(strings.Join(stripPlaceholders(plain), " "), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	}) {
		if len(words) == 3 {
			break
		}
		r := []rune(w)
		if len(r) > 12 {
			r = r[:12]
		}
		words = append(words, string(r))
	}
	return strings.Join(words, "-")
}

// foldLatin folds the Latin letters of s to ASCII: it drops their
// diacritics ("ç" → "c", "ü" → "u") and spells out the letters that have
// none to drop ("ı" → "i", "ß" → "ss"). Marks on letters of other scripts
// are kept: Cyrillic "й" and "ё" stay as they are.
func foldLatin(s string) string {
	var b strings.Builder
	latin := false // the last letter was Latin: drop the marks on it
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			if !latin {
				b.WriteRune(r)
			}
			continue
		}
		latin = unicode.Is(unicode.Latin, r)
		if latin {
			if a := asciiOf(r); a != "" {
				b.WriteString(a)
				continue
			}
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// asciiOf spells a small Latin letter that has no decomposition in ASCII,
// or returns "".
func asciiOf(r rune) string {
	switch r {
	case 'ı':
		return "i"
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'ø':
		return "o"
	case 'đ', 'ð':
		return "d"
	case 'ł':
		return "l"
	case 'þ':
		return "th"
	}
	return ""
}

// stripPlaceholders drops <N>, </N> and <N/> from a text.
func stripPlaceholders(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		f = strings.Map(func(r rune) rune {
			if r == '<' || r == '>' || r == '/' {
				return ' '
			}
			return r
		}, f)
		for _, w := range strings.Fields(f) {
			if _, err := strconv.Atoi(w); err == nil && len(w) <= 4 {
				continue
			}
			out = append(out, w)
		}
	}
	return out
}
