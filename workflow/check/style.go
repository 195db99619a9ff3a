package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// The names of the house-style checks.
const (
	Quotes     = "quotes"
	Dash       = "dash"
	NoBreak    = "nbsp"
	Spacing    = "spacing"
	Apostrophe = "apostrophe"
)

// HouseStyle is the typography of one language, as a [style.<lang>]
// table of tilmash.toml sets it. A field left out takes the language's
// default (DefaultHouseStyle); an empty list or "none" turns a rule off.
//
//	[style.ru]
//	quotes = ["«»", "„“"]      # the quotation marks allowed, outer pair first
//	dash = "—"                 # the dash between words ("—" or "–")
//	dash_spacing = "spaced"    # spaced, unspaced or any
//	range_dash = "–"           # between numbers: 2015–2023
//	nbsp_before_dash = true    # a no-break space before a spaced dash
//	year_marks = ["г.", "гг."] # after a year, with a no-break space: 2023 г.
//	units = ["км", "млн"]      # after a number, with a no-break space: 5 км
//	apostrophe = "’"           # the only apostrophe (Turkish Tokayev’in)
//	spacing = true             # no space before , . ; : ! ? and closing
//	                           # brackets, none inside brackets and «…»,
//	                           # one after , and ;
type HouseStyle struct {
	Quotes         []string `toml:"quotes,omitempty"`
	Dash           string   `toml:"dash,omitempty"`
	DashSpacing    string   `toml:"dash_spacing,omitempty"`
	RangeDash      string   `toml:"range_dash,omitempty"`
	NbspBeforeDash *bool    `toml:"nbsp_before_dash,omitempty"`
	YearMarks      []string `toml:"year_marks,omitempty"`
	Units          []string `toml:"units,omitempty"`
	Apostrophe     string   `toml:"apostrophe,omitempty"`
	Spacing        *bool    `toml:"spacing,omitempty"`
}

// DefaultHouseStyle returns the house style of a language where
// tilmash.toml says nothing:
//
//	ru, kk  «…» and „…“ inside; a spaced em dash; 2015–2023; a no-break
//	        space before г./гг. (ru) or ж./жж. (kk) after a year and
//	        between a number and its unit (км, кг, млн, млрд, тыс./мың…)
//	en      “…” and ‘…’; an em dash, spaced or not; 2015–2023
//	tr      “…” and ‘…’ (set quotes = ["\"\""] for straight quotes); an
//	        em or en dash, spaced or not; 2015–2023
//
// and spacing around punctuation for every language. No-break spaces
// before dashes and a single apostrophe are not checked unless set.
func DefaultHouseStyle(lang language.Tag) HouseStyle {
	on := true
	s := HouseStyle{RangeDash: "–", Spacing: &on, DashSpacing: "any"}
	switch baseOf(lang) {
	case "ru":
		s.Quotes = []string{"«»", "„“"}
		s.Dash, s.DashSpacing = "—", "spaced"
		s.YearMarks = []string{"г.", "гг."}
		s.Units = []string{"км", "м", "см", "мм", "кг", "т", "га", "млн", "млрд", "трлн", "тыс.", "руб.", "долл.", "мин", "мин.", "минута", "минуты", "минут", "час", "часа", "часов"}
	case "kk":
		s.Quotes = []string{"«»", "„“"}
		s.Dash, s.DashSpacing = "—", "spaced"
		s.YearMarks = []string{"ж.", "жж."}
		s.Units = []string{"км", "м", "см", "мм", "кг", "т", "га", "млн", "млрд", "трлн", "мың", "теңге", "мин", "минут", "сағат"}
	case "en":
		s.Quotes = []string{"“”", "‘’"}
		s.Dash = "—"
	case "tr":
		s.Quotes = []string{"“”", "‘’"}
	}
	return s
}

// Over returns the style with every field it leaves unset taken from def.
func (s HouseStyle) Over(def HouseStyle) HouseStyle {
	if s.Quotes == nil {
		s.Quotes = def.Quotes
	}
	if s.Dash == "" {
		s.Dash = def.Dash
	}
	if s.DashSpacing == "" {
		s.DashSpacing = def.DashSpacing
	}
	if s.RangeDash == "" {
		s.RangeDash = def.RangeDash
	}
	if s.NbspBeforeDash == nil {
		s.NbspBeforeDash = def.NbspBeforeDash
	}
	if s.YearMarks == nil {
		s.YearMarks = def.YearMarks
	}
	if s.Units == nil {
		s.Units = def.Units
	}
	if s.Apostrophe == "" {
		s.Apostrophe = def.Apostrophe
	}
	if s.Spacing == nil {
		s.Spacing = def.Spacing
	}
	return s
}

// Validate says what is wrong with a style, or nil.
func (s HouseStyle) Validate() error {
	for _, q := range s.Quotes {
		if utf8.RuneCountInString(q) != 2 {
			return fmt.Errorf("quotes: %q is not a pair of quotation marks such as \"«»\"", q)
		}
	}
	switch s.Dash {
	case "", "none", "—", "–":
	default:
		return fmt.Errorf("dash: %q is not a dash: use \"—\", \"–\" or \"none\"", s.Dash)
	}
	switch s.DashSpacing {
	case "", "spaced", "unspaced", "any":
	default:
		return fmt.Errorf("dash_spacing: %q: use spaced, unspaced or any", s.DashSpacing)
	}
	switch s.RangeDash {
	case "", "none", "–", "—", "-":
	default:
		return fmt.Errorf("range_dash: %q: use \"–\", \"—\", \"-\" or \"none\"", s.RangeDash)
	}
	switch s.Apostrophe {
	case "", "none", "’", "'":
	default:
		return fmt.Errorf("apostrophe: %q: use \"’\", \"'\" or \"none\"", s.Apostrophe)
	}
	return nil
}

// doubleQuotes are the double quotation marks the quotes rule reads.
const doubleQuotes = "«»„“”‟\""

// CheckStyle checks a text of a language (a translation, or a UI string
// of any language: Template set) against its house style and returns one
// problem per rule broken, with where it is broken first.
func CheckStyle(text string, lang language.Tag, st HouseStyle, template bool) []Problem {
	v := newView(text, template).noLinks()
	var out []Problem
	name := langName(lang)
	if p, ok := quotesRule(v, lang, st, name); ok {
		out = append(out, p)
	}
	out = append(out, dashRules(v, st, name)...)
	out = append(out, nbspRules(v, st)...)
	if p, ok := apostropheRule(v, st); ok {
		out = append(out, p)
	}
	if st.Spacing != nil && *st.Spacing {
		if p, ok := spacingRule(v); ok {
			out = append(out, p)
		}
	}
	return out
}

// around returns a short excerpt of s around the byte range [i, j).
func around(s string, i, j int) string {
	a, b := i, j
	for n := 0; n < 12 && a > 0; n++ {
		_, w := utf8.DecodeLastRuneInString(s[:a])
		a -= w
	}
	for n := 0; n < 12 && b < len(s); n++ {
		_, w := utf8.DecodeRuneInString(s[b:])
		b += w
	}
	ex := strings.ReplaceAll(s[a:b], string(obj), "…")
	ex = strings.ReplaceAll(ex, "\u00a0", "⍽")
	if a > 0 {
		ex = "…" + ex
	}
	if b < len(s) {
		ex += "…"
	}
	return ex
}

func quotesRule(s string, lang language.Tag, st HouseStyle, name string) (Problem, bool) {
	if len(st.Quotes) == 0 {
		return Problem{}, false
	}
	allowed := strings.Join(st.Quotes, "")
	b := baseOf(lang)
	prev := rune(0)
	for i, r := range s {
		p := prev
		prev = r
		if !strings.ContainsRune(doubleQuotes, r) || strings.ContainsRune(allowed, r) {
			continue
		}
		if r == '"' && (isDigit(p) || b == "ru" || b == "kk") {
			continue // inches; in Russian and Kazakh the typography check reports it
		}
		var want []string
		for _, q := range st.Quotes {
			rs := []rune(q)
			want = append(want, string(rs[0])+"…"+string(rs[1]))
		}
		return Problem{Quotes, Warning, fmt.Sprintf("quotation mark %c in %q: %s house style quotes with %s", r, around(s, i, i+utf8.RuneLen(r)), name, strings.Join(want, " and "))}, true
	}
	return Problem{}, false
}

// isWordChar reports whether r is a letter or a digit.
func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isHSpace reports whether r is a space within a line, no-break spaces too.
func isHSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

func dashRules(s string, st HouseStyle, name string) []Problem {
	rs := []rune(s)
	off := make([]int, len(rs)+1) // byte offsets
	for i, n := 0, 0; i < len(rs); i++ {
		off[i] = n
		n += utf8.RuneLen(rs[i])
		off[i+1] = n
	}
	var out []Problem
	seen := map[string]bool{}
	add := func(kind string, i, j int, msg string) {
		if seen[kind] {
			return
		}
		seen[kind] = true
		out = append(out, Problem{Dash, Warning, fmt.Sprintf("%s in %q", msg, around(s, off[i], off[j]))})
	}
	for i, r := range rs {
		if r != '—' && r != '–' && r != '-' {
			continue
		}
		// What is on either side, past the spaces.
		a, b := i-1, i+1
		for a >= 0 && isHSpace(rs[a]) {
			a--
		}
		for b < len(rs) && isHSpace(rs[b]) {
			b++
		}
		spaceBefore, spaceAfter := a < i-1, b > i+1
		if a < 0 || b >= len(rs) {
			continue
		}
		left, right := rs[a], rs[b]
		// Between numbers: a range.
		if isDigit(left) && isDigit(right) && st.RangeDash != "" && st.RangeDash != "none" {
			if r == '—' || (spaceBefore || spaceAfter) && r != '-' || r == '-' && spaceBefore && spaceAfter {
				if string(r) != st.RangeDash || spaceBefore || spaceAfter {
					add("range", a+1, b, fmt.Sprintf("a range of numbers takes %s with no spaces (2015%s2023)", dashName(st.RangeDash), st.RangeDash))
				}
			}
			continue
		}
		if st.Dash == "" || st.Dash == "none" {
			continue
		}
		wordish := func(c rune) bool { return isWordChar(c) || c == obj || strings.ContainsRune(".,;:!?…)»”\"’", c) }
		if !wordish(left) || !(isWordChar(right) || right == obj || strings.ContainsRune("(«„“\"", right)) {
			continue
		}
		switch {
		case r == '-' && spaceBefore && spaceAfter:
			add("hyphen", i, i+1, fmt.Sprintf("a hyphen used as a dash: write %s", spacedDash(st)))
		case r == '-':
			// a hyphen in a word
		case string(r) != st.Dash && spaceBefore && spaceAfter && st.Dash == "—":
			add("kind", i, i+1, fmt.Sprintf("%s between words: %s house style writes %s", dashName(string(r)), name, spacedDash(st)))
		case st.DashSpacing == "spaced" && (!spaceBefore || !spaceAfter) && isWordChar(left) && isWordChar(right):
			add("spacing", a+1, b, fmt.Sprintf("a dash between words without spaces around it: %s house style writes %s", name, spacedDash(st)))
		case st.DashSpacing == "unspaced" && (spaceBefore || spaceAfter):
			add("spacing", a+1, b, fmt.Sprintf("a spaced dash: %s house style writes it without spaces (word%sword)", name, st.Dash))
		case st.NbspBeforeDash != nil && *st.NbspBeforeDash && spaceBefore && rs[i-1] != '\u00a0' && rs[i-1] != '\u202f':
			add("nbsp", a+1, b, "a dash after an ordinary space: put a no-break space before the dash, so that a line never starts with it")
		}
	}
	return out
}

func dashName(d string) string {
	switch d {
	case "—":
		return "an em dash (—)"
	case "–":
		return "an en dash (–)"
	}
	return "a hyphen (-)"
}

func spacedDash(st HouseStyle) string {
	nb := " "
	if st.NbspBeforeDash != nil && *st.NbspBeforeDash {
		nb = "\u00a0"
	}
	switch st.DashSpacing {
	case "unspaced":
		return "«word" + st.Dash + "word»"
	case "spaced":
		if nb != " " {
			return "«word" + "⍽" + st.Dash + " word» (⍽: a no-break space)"
		}
		return "«word " + st.Dash + " word»"
	}
	return dashName(st.Dash)
}

// nbspRules checks the no-break spaces after a year before its mark
// (2023 г.) and between a number and its unit (5 км).
func nbspRules(s string, st HouseStyle) []Problem {
	var out []Problem
	check := func(marks []string, what string) {
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isDigit(r) {
				i += n
				continue
			}
			j := i
			for j < len(s) && isDigit(rune(s[j])) {
				j++
			}
			if j < len(s) && s[j] == ' ' {
				rest := s[j+1:]
				for _, m := range marks {
					if !strings.HasPrefix(rest, m) {
						continue
					}
					after, _ := utf8.DecodeRuneInString(rest[len(m):])
					if len(rest) > len(m) && isWordChar(after) {
						continue
					}
					out = append(out, Problem{NoBreak, Warning, fmt.Sprintf("an ordinary space in %q: %s takes a no-break space (U+00A0) so that the line does not break there", around(s, i, j+1+len(m)), what)})
					return
				}
			}
			i = j
		}
	}
	check(st.YearMarks, "a year and its mark")
	check(st.Units, "a number and its unit")
	return out
}

func apostropheRule(s string, st HouseStyle) (Problem, bool) {
	if st.Apostrophe == "" || st.Apostrophe == "none" {
		return Problem{}, false
	}
	want, _ := utf8.DecodeRuneInString(st.Apostrophe)
	prev := rune(0)
	for i, r := range s {
		p := prev
		prev = r
		if r != '\'' && r != '’' && r != 'ʼ' || r == want || !unicode.IsLetter(p) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		if !unicode.IsLetter(next) {
			continue
		}
		return Problem{Apostrophe, Warning, fmt.Sprintf("apostrophe %c in %q: the house style writes %c (Tokayev%cin)", r, around(s, i, i+utf8.RuneLen(r)), want, want)}, true
	}
	return Problem{}, false
}

// spacingRule checks the spaces around punctuation: none before , . ; :
// ! ? and closing brackets and quotes, none inside brackets and
// guillemets, one after a comma or semicolon before a letter.
func spacingRule(s string) (Problem, bool) {
	rs := []rune(s)
	off := make([]int, len(rs)+1)
	for i, n := 0, 0; i < len(rs); i++ {
		off[i] = n
		n += utf8.RuneLen(rs[i])
		off[i+1] = n
	}
	problem := func(i, j int, msg string) (Problem, bool) {
		return Problem{Spacing, Warning, fmt.Sprintf("%s in %q", msg, around(s, off[i], off[j]))}, true
	}
	for i, r := range rs {
		switch {
		case strings.ContainsRune(",;:!?)»", r) || r == '.' && (i+1 == len(rs) || unicode.IsSpace(rs[i+1])):
			j := i
			for j > 0 && isHSpace(rs[j-1]) {
				j--
			}
			if j < i && j > 0 && (isWordChar(rs[j-1]) || rs[j-1] == obj) {
				return problem(j-1, i+1, fmt.Sprintf("a space before %c: remove it", r))
			}
		case r == '(' || r == '«':
			if i+1 < len(rs) && isHSpace(rs[i+1]) && i+2 < len(rs) && isWordChar(rs[i+2]) {
				return problem(i, i+3, fmt.Sprintf("a space after %c: remove it", r))
			}
		}
		if (r == ',' || r == ';') && i > 0 && unicode.IsLetter(rs[i-1]) && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
			return problem(i-1, i+2, fmt.Sprintf("no space after %c: add one", r))
		}
	}
	return Problem{}, false
}
