package check

import (
	"regexp"
	"strings"
)

// NoBreakSpaces returns text with the no-break spaces the house style asks
// for put in place of ordinary spaces, where that is safe: between a year
// and its mark (2023 г.), between a number and its unit (5 км), and before
// a dash when the style wants a no-break space there. Nothing else of the
// text changes; a build applies it to translations.
func (s HouseStyle) NoBreakSpaces(text string) string {
	if s.NbspBeforeDash != nil && *s.NbspBeforeDash && s.Dash != "" {
		text = strings.ReplaceAll(text, " "+s.Dash, "\u00a0"+s.Dash)
	}
	for _, words := range [][]string{s.YearMarks, s.Units} {
		if len(words) == 0 {
			continue
		}
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = regexp.QuoteMeta(w)
		}
		re := regexp.MustCompile(`([0-9]) (` + strings.Join(quoted, "|") + `)([^\p{L}]|$)`)
		text = re.ReplaceAllString(text, "$1\u00a0$2$3")
	}
	return text
}
