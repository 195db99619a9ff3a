package sentence_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/segment/sentence"
)

func ExampleSplitter_Split() {
	s := sentence.New(language.Russian)
	text := "В 2023 г. Москва и Астана подписали договор, т. е. план на 5 лет. " +
		"<1>«Мы готовы.»</1> Подробнее см. на golosislama.com…  Что дальше?"
	for _, sp := range s.Split(text) {
		fmt.Println(text[sp.Start:sp.End])
	}
	// Output:
	// В 2023 г. Москва и Астана подписали договор, т. е. план на 5 лет.
	// <1>«Мы готовы.»</1>
	// Подробнее см. на golosislama.com…
	// Что дальше?
}

func ExampleNew() {
	// "vs." is "versus" in English but "vesaire" (etc.) in Turkish.
	text := "Kitap, dergi vs. Bunların hepsi satıldı."
	for _, tag := range []language.Tag{language.English, language.MustParse("tr-TR")} {
		fmt.Println(tag)
		for _, sp := range sentence.New(tag).Split(text) {
			fmt.Printf("  %q\n", text[sp.Start:sp.End])
		}
	}
	// Output:
	// en
	//   "Kitap, dergi vs. Bunların hepsi satıldı."
	// tr-TR
	//   "Kitap, dergi vs."
	//   "Bunların hepsi satıldı."
}
