// Package translit writes Kazakh in the Latin alphabet of 2021 from Kazakh
// in Cyrillic letters, letter for letter, as the official table maps them:
// ә ä, ғ ğ, қ q, ң ñ, ө ö, ұ ū, ү ü, ш ş, і ı, и and й i, ы y, у u, х and
// һ h; the letters of Russian loanwords as the table writes them (ц ts,
// ч ch, щ ş, ё io, ю iu, я ia, э e), the hard and soft signs left out.
// Everything that is not a Cyrillic letter (Latin text, digits, markup,
// placeholders such as <1>…</1>) is kept as it is.
//
//	translit.Kazakh("Қазақстан Республикасы") // "Qazaqstan Respublikasy"
package translit

import (
	"strings"
	"unicode"
)

// lower maps the small Cyrillic letters of Kazakh to their Latin forms.
var lower = map[rune]string{
	'а': "a", 'ә': "ä", 'б': "b", 'в': "v", 'г': "g", 'ғ': "ğ", 'д': "d", 'е': "e", 'ё': "io",
	'ж': "j", 'з': "z", 'и': "i", 'й': "i", 'к': "k", 'қ': "q", 'л': "l", 'м': "m", 'н': "n",
	'ң': "ñ", 'о': "o", 'ө': "ö", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "ū",
	'ү': "ü", 'ф': "f", 'х': "h", 'һ': "h", 'ц': "ts", 'ч': "ch", 'ш': "ş", 'щ': "ş", 'ъ': "",
	'ы': "y", 'і': "ı", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
}

// upper holds the capital forms where they are not the small form with its
// first letter capitalised the usual way (the dotted İ of и, й, ё, ю, я).
var upper = map[rune]string{
	'И': "İ", 'Й': "İ", 'Ё': "İo", 'Ю': "İu", 'Я': "İa", 'І': "I",
}

// Kazakh transliterates Kazakh Cyrillic text into the Latin alphabet. A
// capital letter that stands for two Latin ones is written "Ts", or "TS"
// inside a word in capitals.
func Kazakh(s string) string {
	runes := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range runes {
		if l, ok := lower[r]; ok {
			b.WriteString(l)
			continue
		}
		lr := unicode.ToLower(r)
		l, ok := lower[lr]
		if !ok || lr == r {
			b.WriteRune(r)
			continue
		}
		u, special := upper[r]
		if !special {
			u = capitalize(l)
		}
		if len([]rune(u)) > 1 && allCaps(runes, i) {
			u = strings.ToUpper(strings.Replace(u, "İ", "I", 1))
			if r == 'Ё' || r == 'Ю' || r == 'Я' {
				u = "İ" + u[1:]
			}
		}
		b.WriteString(u)
	}
	return b.String()
}

// capitalize writes the first letter of a Latin form as a capital.
func capitalize(l string) string {
	if l == "" {
		return ""
	}
	rs := []rune(l)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// allCaps reports whether the letter at i is in a word written in
// capitals: its neighbour letter is a capital too.
func allCaps(rs []rune, i int) bool {
	for _, j := range []int{i + 1, i - 1} {
		if j >= 0 && j < len(rs) && unicode.IsLetter(rs[j]) {
			return unicode.IsUpper(rs[j])
		}
	}
	return false
}

// HasCyrillic reports whether s has a Cyrillic letter left.
func HasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}
