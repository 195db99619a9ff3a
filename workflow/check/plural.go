package check

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Category is a CLDR plural category: the name of a plural form in a
// go-i18n message.
type Category string

// The CLDR plural categories, in go-i18n's order.
const (
	Zero  Category = "zero"
	One   Category = "one"
	Two   Category = "two"
	Few   Category = "few"
	Many  Category = "many"
	Other Category = "other"
)

// Categories lists every plural category in order.
var Categories = []Category{Zero, One, Two, Few, Many, Other}

// Forms are the texts of a go-i18n message by plural category; a category
// without text is absent.
type Forms map[Category]string

// plural reports whether a message has forms other than "other": whether
// it is a plural message.
func (f Forms) plural() bool {
	for c, s := range f {
		if c != Other && s != "" {
			return true
		}
	}
	return false
}

// Rule is the set of plural categories a language uses for cardinal
// numbers, with examples.
type Rule struct {
	Lang language.Tag
	// Categories are in the order of Categories.
	Categories []Category
	// Examples are a few numbers of each category, for messages.
	Examples map[Category][]string
}

// Has reports whether the language uses category c.
func (r *Rule) Has(c Category) bool {
	for _, x := range r.Categories {
		if x == c {
			return true
		}
	}
	return false
}

// ErrNoPluralRule is returned by PluralRule for a language go-i18n has no
// plural rule for.
var ErrNoPluralRule = errors.New("go-i18n has no plural rule for the language")

// probes are the numbers PluralRule asks go-i18n about: every integer up
// to 300 (CLDR rules look at n mod 10 and mod 100), large round numbers
// (mod 1000000), and decimals with one to three fraction digits.
func probes() []any {
	var ps []any
	for i := 0; i <= 300; i++ {
		ps = append(ps, i)
	}
	for _, i := range []int{1000, 10000, 100000, 1000000, 2000000, 10000000} {
		ps = append(ps, i)
	}
	wholes := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 25, 100, 101, 1000000}
	fracs := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "00", "01", "02", "05", "10", "11", "12", "20", "21", "50", "99", "000", "001"}
	for _, w := range wholes {
		for _, f := range fracs {
			ps = append(ps, strconv.Itoa(w)+"."+f)
		}
	}
	return ps
}

// PluralRule returns the plural categories go-i18n uses for a language:
// the CLDR cardinal rules go-i18n ships (its rule table is internal, so
// PluralRule asks a go-i18n Localizer which form it picks for several
// hundred integers and decimals). It returns ErrNoPluralRule when go-i18n
// has no rule for the language, in which case go-i18n refuses to load the
// language's message files too.
//
// For the newsroom's languages CLDR gives en, kk and tr one and other, and
// ru one, few, many and other (the package tests hold this table).
func PluralRule(lang language.Tag) (*Rule, error) {
	b := i18n.NewBundle(lang)
	probe := &i18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(lang, probe); err != nil {
		return nil, fmt.Errorf("%s: %w", lang, ErrNoPluralRule)
	}
	loc := i18n.NewLocalizer(b, lang.String())
	r := &Rule{Lang: lang, Examples: map[Category][]string{}}
	for _, n := range probes() {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: "probe", PluralCount: n})
		if err != nil {
			return nil, fmt.Errorf("%s: asking go-i18n the plural form of %v: %w", lang, n, err)
		}
		c := Category(s)
		if len(r.Examples[c]) < 5 {
			r.Examples[c] = append(r.Examples[c], fmt.Sprint(n))
		}
	}
	for _, c := range Categories {
		if len(r.Examples[c]) > 0 {
			r.Categories = append(r.Categories, c)
		}
	}
	return r, nil
}

// Plural checks the plural forms of one message in language lang against
// rule, its plural rule (nil when there is none: the problem then says the
// forms cannot be checked). source is the message in the reference
// language; it says whether the message is plural (has forms besides
// "other"). A plural message needs every category of the language (an
// error when one is missing) and should have no other (a warning); any
// message needs "other", which go-i18n shows when no count is given.
func Plural(lang language.Tag, rule *Rule, source, translation Forms) []Problem {
	var out []Problem
	if !source.plural() {
		if translation[Other] == "" {
			out = append(out, Problem{Plurals, Error, `the form "other" is missing: go-i18n shows it for a message without a count; add other = "…"`})
		}
		var extra []string
		for _, c := range Categories {
			if c != Other && translation[c] != "" {
				extra = append(extra, string(c))
			}
		}
		if len(extra) > 0 {
			out = append(out, Problem{Plurals, Warning, fmt.Sprintf("the source message has no plural forms, so %s is never shown: remove it and keep only other", strings.Join(extra, ", "))})
		}
		return out
	}
	if rule == nil {
		return []Problem{{Plurals, Warning, fmt.Sprintf("cannot check plural forms for %s: go-i18n has no plural rule for it (and will not load the file); use a language go-i18n knows", lang)}}
	}
	for _, c := range rule.Categories {
		if translation[c] == "" {
			out = append(out, Problem{Plurals, Error, fmt.Sprintf("the plural form %q is missing: %s uses it for %s…; add %s = \"…\"", c, lang, strings.Join(rule.Examples[c], ", "), c)})
		}
	}
	for _, c := range Categories {
		if translation[c] != "" && !rule.Has(c) {
			out = append(out, Problem{Plurals, Warning, fmt.Sprintf("the plural form %q is never used in %s (its forms are %s): remove it", c, lang, joinCats(rule.Categories))})
		}
	}
	return out
}

func joinCats(cs []Category) string {
	var s []string
	for _, c := range cs {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}
