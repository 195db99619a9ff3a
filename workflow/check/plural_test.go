package check

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestPluralRuleCLDR holds the CLDR cardinal categories of the newsroom's
// languages (and a few others) against what go-i18n picks.
func TestPluralRuleCLDR(t *testing.T) {
	tests := map[string][]Category{
		"en":    {One, Other},
		"ru":    {One, Few, Many, Other},
		"kk":    {One, Other},
		"tr":    {One, Other},
		"ru-KZ": {One, Few, Many, Other},
		"uk":    {One, Few, Many, Other},
		"fr":    {One, Many, Other},
		"ar":    {Zero, One, Two, Few, Many, Other},
		"ja":    {Other},
	}
	for lang, want := range tests {
		r, err := PluralRule(language.MustParse(lang))
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if !reflect.DeepEqual(r.Categories, want) {
			t.Errorf("%s: categories %v, want %v", lang, r.Categories, want)
		}
	}
	r, err := PluralRule(language.Russian)
	if err != nil {
		t.Fatal(err)
	}
	for c, want := range map[Category][]string{One: {"1", "21", "31", "41", "51"}, Few: {"2", "3", "4", "22", "23"}, Many: {"0", "5", "6", "7", "8"}} {
		if got := r.Examples[c]; !reflect.DeepEqual(got, want) {
			t.Errorf("ru %s examples %v, want %v", c, got, want)
		}
	}
}

func TestPluralRuleUnknown(t *testing.T) {
	_, err := PluralRule(language.MustParse("qaa"))
	if !errors.Is(err, ErrNoPluralRule) {
		t.Fatalf("qaa: got %v, want ErrNoPluralRule", err)
	}
}

func TestPlural(t *testing.T) {
	rules := map[string]*Rule{}
	for _, l := range []string{"en", "ru", "kk", "tr"} {
		r, err := PluralRule(language.MustParse(l))
		if err != nil {
			t.Fatal(err)
		}
		rules[l] = r
	}
	enReading := Forms{One: "Reading time: {{.Count}} minute", Other: "Reading time: {{.Count}} minutes"}
	tests := []struct {
		name     string
		lang     string
		src, tr  Forms
		want     []Severity
		msg      string
		noRuleOK bool
	}{
		{name: "en complete", lang: "en", src: enReading, tr: enReading},
		{name: "ru complete", lang: "ru", src: enReading, tr: Forms{One: "минута", Few: "минуты", Many: "минут", Other: "минуты"}},
		{name: "kk complete", lang: "kk", src: enReading, tr: Forms{One: "минут", Other: "минут"}},
		{name: "tr complete", lang: "tr", src: enReading, tr: Forms{One: "dakika", Other: "dakika"}},
		{name: "ru few missing", lang: "ru", src: enReading, tr: Forms{One: "минута", Many: "минут", Other: "минуты"},
			want: []Severity{Error}, msg: `"few" is missing: ru uses it for 2, 3, 4, 22, 23…`},
		{name: "ru only other", lang: "ru", src: enReading, tr: Forms{Other: "минут"},
			want: []Severity{Error, Error, Error}},
		{name: "kk one missing", lang: "kk", src: enReading, tr: Forms{Other: "минут"},
			want: []Severity{Error}, msg: `"one" is missing`},
		{name: "tr few never used", lang: "tr", src: enReading, tr: Forms{One: "dakika", Few: "dakika", Other: "dakika"},
			want: []Severity{Warning}, msg: `"few" is never used in tr (its forms are one, other)`},
		{name: "en source missing other", lang: "en", src: Forms{One: "a minute"}, tr: Forms{One: "a minute"},
			want: []Severity{Error}, msg: `"other" is missing`},
		{name: "not plural", lang: "ru", src: Forms{Other: "Source"}, tr: Forms{Other: "Источник"}},
		{name: "not plural but forms", lang: "kk", src: Forms{Other: "Source"}, tr: Forms{One: "Дереккөз", Other: "Дереккөз"},
			want: []Severity{Warning}, msg: "never shown"},
		{name: "not plural, other missing", lang: "tr", src: Forms{Other: "Source"}, tr: Forms{One: "Kaynak"},
			want: []Severity{Error, Warning}},
		{name: "no rule", lang: "qaa", src: enReading, tr: Forms{Other: "x"},
			want: []Severity{Warning}, msg: "cannot check plural forms for qaa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := Plural(language.MustParse(tt.lang), rules[tt.lang], tt.src, tt.tr)
			var got []Severity
			for _, p := range probs {
				got = append(got, p.Severity)
				if p.Check != Plurals {
					t.Errorf("check %q, want %q", p.Check, Plurals)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %v, want %v: %v", got, tt.want, probs)
			}
			if tt.msg != "" && !strings.Contains(probs[0].Message, tt.msg) {
				t.Errorf("message %q does not hold %q", probs[0].Message, tt.msg)
			}
		})
	}
}
