package article_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/article"
)

func ExampleOptions_Parse() {
	data := []byte(`---
title: Наводнения на севере
date: 2024-05-01T09:30:00+05:00
tags: [floods, north]
params:
  featured: true
---
Реки вышли из берегов.
`)
	opts := article.Options{
		Name:        "news/2024/05/floods",
		Langs:       []language.Tag{language.English, language.Russian},
		DefaultLang: language.English,
	}
	a, err := opts.Parse("content/news/2024/05/floods.ru.md", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Name, a.Format, a.Lang, a.LangFrom)
	fmt.Println(a.Title, "—", a.Date, a.Tags)
	fmt.Printf("%s: %q on line %d\n", a.Extra[0].Key, a.Extra[0].Raw, a.Extra[0].Line)
	fmt.Printf("%q\n", a.Body())
	// Output:
	// news/2024/05/floods yaml ru file name
	// Наводнения на севере — 2024-05-01 [floods north]
	// params: "params:\n  featured: true\n" on line 5
	// "Реки вышли из берегов.\n"
}

func ExampleArticle_FrontMatter() {
	a, err := article.Parse("floods.md", []byte(`+++
title = "Floods in the north" # checked
lang = "en"
aliases = ["/2024/05/floods/"]

[params]
featured = true
+++
Rivers rose.
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fm, err := a.FrontMatter(
		article.Set{Key: "title", Value: "Наводнения на севере"},
		article.Set{Key: "lang", Value: language.Russian},
		article.Set{Key: "translationKey", Value: "floods"},
		article.Set{Key: "aliases", Value: nil},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(fm))
	// Output:
	// +++
	// title = "Наводнения на севере" # checked
	// lang = "ru"
	// translationKey = "floods"
	//
	// [params]
	// featured = true
	// +++
}

func ExampleNameOf() {
	langs := []language.Tag{language.English, language.Russian}
	for _, p := range []string{"news/2024/05/floods.md", "news/2024/05/floods.ru.md", "news/floods/index.md", "_posts/2024-05-01-floods.markdown"} {
		name, err := article.NameOf(p, langs)
		fmt.Println(name, err)
	}
	// Output:
	// news/2024/05/floods <nil>
	// news/2024/05/floods <nil>
	// news/floods <nil>
	// _posts/2024-05-01-floods <nil>
}
