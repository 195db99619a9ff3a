package check_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/check"
)

func ExampleTranslation() {
	probs := check.Translation(check.Pair{
		Source:      "Read <1>the report</1> at https://example.com/report (42 pages).",
		Translation: "Прочтите доклад на https://example.com/report (24 страницы)",
		SourceLang:  language.English,
		Lang:        language.Russian,
	})
	for _, p := range probs {
		fmt.Println(p)
	}
	// Output:
	// error: placeholders: markup <1>…</1> is missing: put it back in the translation where it belongs
	// warning: numbers: the number 42 is not in the translation: keep it (locale formats such as 1 000, 1.000 or 3,5 are fine; ignore this if you wrote it out in words)
	// warning: punctuation: the source ends with a period (.), the translation with no punctuation: end it the same way unless the language needs otherwise
}

func ExamplePlural() {
	rule, err := check.PluralRule(language.Russian)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rule.Categories)
	source := check.Forms{check.One: "{{.Count}} minute", check.Other: "{{.Count}} minutes"}
	ru := check.Forms{check.One: "{{.Count}} минута", check.Other: "{{.Count}} минуты"}
	for _, p := range check.Plural(language.Russian, rule, source, ru) {
		fmt.Println(p)
	}
	// Output:
	// [one few many other]
	// error: plural: the plural form "few" is missing: ru uses it for 2, 3, 4, 22, 23…; add few = "…"
	// error: plural: the plural form "many" is missing: ru uses it for 0, 5, 6, 7, 8…; add many = "…"
}
