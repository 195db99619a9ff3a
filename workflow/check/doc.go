// Package check holds tilmash's quality checks of translations: pure
// functions from a source text, its translation and their languages to a
// list of problems. It reads no files; package workflow finds the texts and
// says where they are.
//
// Translation runs every check on one segment (or one plural form of a UI
// string) and returns what it found, in a fixed order:
//
//	probs := check.Translation(check.Pair{
//		Source:      "Read <1>the report</1> (42 pages).",
//		Translation: "Прочтите <1>доклад</1> (42 страницы).",
//		SourceLang:  language.English,
//		Lang:        language.Russian,
//	})
//	for _, p := range probs {
//		fmt.Println(p.Severity, p.Check, p.Message)
//	}
//
// Each problem has a short stable name (Check), a severity and a message
// that says what is wrong and what to do:
//
//	empty         error    the translation is empty or only white space
//	placeholders  error    inline markup <N>…</N>, <N/> lost, added, doubled or misnested
//	template      error    a go-i18n template action {{.Name}} lost, added or broken (UI strings)
//	urls          error    a URL or e-mail address of the source is not in the translation
//	numbers       warning  a number of the source is not in the translation (locale
//	                       formats such as 1,000 / 1 000 / 1.000 and 3.5 / 3,5 match)
//	untranslated  warning  the translation is the source text, unchanged
//	whitespace    warning  leading or trailing white space differs; double spaces
//	punctuation   warning  the source and translation end differently (. ? ! … : ;)
//	unbalanced    warning  a bracket or quote in the translation is not closed or opened
//	typography    warning  straight "…" quotes in Russian or Kazakh, which use «…»
//
// Plural checks the plural forms of one UI message against the CLDR plural
// categories of its language, as go-i18n selects them (PluralRule):
//
//	plural        error    a category the language needs is missing
//	              warning  a category the language never uses, or no rule for the language
//
// Numbers, URLs and punctuation are read from the text outside placeholders
// (and outside template actions when Pair.Template is set): a placeholder is
// markup, not text.
package check
