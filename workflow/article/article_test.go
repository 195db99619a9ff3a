package article

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

var (
	ru = language.Russian
	en = language.English
	kk = language.Kazakh
	tr = language.Turkish
)

func day(y, m, d int) *toml.LocalDate { return &toml.LocalDate{Year: y, Month: m, Day: d} }

// everyKeyYAML and everyKeyTOML say the same with every key Parse knows.
const everyKeyYAML = `---
title: "Floods: the north"
lang: ru
date: 2024-03-15T10:00:00+03:00
lastmod: 2024-03-16
draft: true
tags: [floods, north]
categories:
  - news
slug: floods-north
translationKey: floods
aliases: [/old/floods]
author: A. Writer
authors: [A. Writer, B. Editor]
weight: 7
description: Rivers rose.
summary: |-
  Two lines
  of summary.
source: https://example.org/floods
layout: post
params:
  featured: true
---
Body.
`

const everyKeyTOML = `+++
title = "Floods: the north"
lang = "ru"
date = 2024-03-15T10:00:00+03:00
lastmod = 2024-03-16
draft = true
tags = ["floods", "north"]
categories = [
  "news",
]
slug = "floods-north"
translationKey = "floods"
aliases = ["/old/floods"]
author = "A. Writer"
authors = ["A. Writer", "B. Editor"]
weight = 7
description = "Rivers rose."
summary = """Two lines
of summary."""
source = "https://example.org/floods"
layout = "post"

[params]
featured = true
+++
Body.
`

func everyKeyMeta(extra ...Field) Meta {
	return Meta{
		Title: "Floods: the north", Lang: "ru",
		Date: day(2024, 3, 15), DateTime: time.Date(2024, 3, 15, 10, 0, 0, 0, time.FixedZone("", 3*3600)),
		Lastmod: day(2024, 3, 16), LastmodTime: time.Date(2024, 3, 16, 0, 0, 0, 0, time.UTC),
		Draft: true, Tags: []string{"floods", "north"}, Categories: []string{"news"},
		Slug: "floods-north", TranslationKey: "floods", Aliases: []string{"/old/floods"},
		Author: "A. Writer", Authors: []string{"A. Writer", "B. Editor"}, Weight: 7,
		Description: "Rivers rose.", Summary: "Two lines\nof summary.",
		Source: "https://example.org/floods", Extra: extra,
	}
}

// sameMeta compares metas, times by instant and offset.
func sameMeta(a, b Meta) bool {
	for _, p := range [][2]*time.Time{{&a.DateTime, &b.DateTime}, {&a.LastmodTime, &b.LastmodTime}} {
		_, oa := p[0].Zone()
		_, ob := p[1].Zone()
		if !p[0].Equal(*p[1]) || oa != ob {
			return false
		}
		*p[0], *p[1] = time.Time{}, time.Time{}
	}
	return reflect.DeepEqual(a, b)
}

func TestParseEveryKey(t *testing.T) {
	tests := []struct {
		name, data string
		format     Format
		meta       Meta
		lines      map[string]int
	}{
		{"yaml", everyKeyYAML, YAML, everyKeyMeta(
			Field{Key: "layout", Raw: "layout: post\n", Line: 21},
			Field{Key: "params", Raw: "params:\n  featured: true\n", Line: 22},
		), map[string]int{"title": 2, "lang": 3, "description": 16, "summary": 17, "TranslationKey": 11, "params": 22, "nope": 0}},
		{"toml", everyKeyTOML, TOML, everyKeyMeta(
			Field{Key: "layout", Raw: "layout = \"post\"\n", Line: 21},
			Field{Key: "params", Raw: "[params]\nfeatured = true\n", Line: 23},
		), map[string]int{"title": 2, "lang": 3, "description": 17, "summary": 18, "translationkey": 12, "params": 23}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("floods.md", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if a.Format != tt.format || a.Lang != ru || a.LangFrom != LangFromFrontMatter || string(a.Body()) != "Body.\n" {
				t.Errorf("format %q lang %v from %q body %q", a.Format, a.Lang, a.LangFrom, a.Body())
			}
			if !sameMeta(a.Meta, tt.meta) {
				t.Errorf("meta\n%+v\nwant\n%+v", a.Meta, tt.meta)
			}
			for k, want := range tt.lines {
				if got := a.Line(k); got != want {
					t.Errorf("Line(%q) = %d, want %d", k, got, want)
				}
			}
			if a.TitleLine != tt.lines["title"] || a.LangLine != 3 || a.DescriptionLine != tt.lines["description"] || a.SummaryLine != tt.lines["summary"] {
				t.Errorf("lines title %d lang %d description %d summary %d", a.TitleLine, a.LangLine, a.DescriptionLine, a.SummaryLine)
			}
		})
	}
}

func TestParse(t *testing.T) {
	utc := func(y, mo, d, h, mi int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, 0, 0, time.UTC) }
	tests := []struct {
		name, path, data string
		opts             Options
		want             func(a *Article) bool
	}{
		{"toml day", "a.md", "+++\ntitle = \"T\"\nlang = \"kk\"\ndate = 2022-05-16\n+++\n\nBody.\n", Options{},
			func(a *Article) bool {
				return a.Title == "T" && a.Lang == kk && *a.Date == *day(2022, 5, 16) && a.Time().Equal(utc(2022, 5, 16, 0, 0)) && string(a.Body()) == "\nBody.\n"
			}},
		{"toml bom and CRLF", "a.md", "\ufeff+++\r\ntitle = \"T\"\r\nlang = \"tr\"\r\n+++\r\nBody.\r\n", Options{},
			func(a *Article) bool {
				return a.Title == "T" && a.Lang == tr && string(a.Body()) == "Body.\r\n" && a.LangLine == 3
			}},
		{"yaml bom and CRLF", "a.md", "\ufeff---\r\ntitle: T\r\ntags:\r\n  - a\r\nlang: tr\r\n---\r\nBody.\r\n", Options{},
			func(a *Article) bool {
				return a.Title == "T" && a.Lang == tr && string(a.Body()) == "Body.\r\n" && a.LangLine == 5 && reflect.DeepEqual(a.Tags, []string{"a"})
			}},
		{"toml RFC 3339 unquoted", "a.md", "+++\ntitle = \"T\"\nlang = \"en\"\ndate = 2024-03-15T10:00:00Z\n+++\n", Options{},
			func(a *Article) bool {
				return *a.Date == *day(2024, 3, 15) && a.DateTime.Equal(utc(2024, 3, 15, 10, 0))
			}},
		{"toml local date-time", "a.md", "+++\ntitle = \"T\"\nlang = \"en\"\ndate = 2024-03-15T23:30:00\n+++\n", Options{},
			func(a *Article) bool {
				return *a.Date == *day(2024, 3, 15) && a.DateTime.Equal(utc(2024, 3, 15, 23, 30))
			}},
		{"toml date as a string", "a.md", "+++\ntitle = \"T\"\nlang = \"en\"\ndate = \"2024-03-15T10:00:00Z\"\n+++\n", Options{},
			func(a *Article) bool { return a.DateTime.Equal(utc(2024, 3, 15, 10, 0)) }},
		{"yaml quoted day", "a.md", "---\ntitle: T\nlang: en\ndate: \"2024-03-15\"\n---\n", Options{},
			func(a *Article) bool { return *a.Date == *day(2024, 3, 15) }},
		{"yaml Jekyll date-time", "a.md", "---\ntitle: T\nlang: en\ndate: 2024-05-01 23:00:00 -0500\n---\n", Options{},
			func(a *Article) bool { return *a.Date == *day(2024, 5, 1) && a.DateTime.Equal(utc(2024, 5, 2, 4, 0)) }},
		{"yaml the day as written", "a.md", "---\ntitle: T\nlang: en\ndate: 2024-05-01T01:00:00+06:00\n---\n", Options{},
			func(a *Article) bool { return *a.Date == *day(2024, 5, 1) && a.DateTime.Equal(utc(2024, 4, 30, 19, 0)) }},
		{"lang from the file name", "news/floods.ru.md", "---\ntitle: T\n---\n", Options{Langs: []language.Tag{en, ru}, DefaultLang: en},
			func(a *Article) bool {
				return a.Lang == ru && a.LangFrom == LangFromFileName && a.Name == "floods" && a.LangLine == 0
			}},
		{"lang key before the file name", "floods.ru.md", "---\ntitle: T\nlang: kk\n---\n", Options{Langs: []language.Tag{ru}},
			func(a *Article) bool { return a.Lang == kk && a.LangFrom == LangFromFrontMatter }},
		{"file name language not allowed", "floods.tr.md", "---\ntitle: T\n---\n", Options{Langs: []language.Tag{ru}, DefaultLang: en},
			func(a *Article) bool { return a.Lang == en && a.LangFrom == LangFromDefault && a.Name == "floods.tr" }},
		{"default lang", "floods.md", "+++\ntitle = \"T\"\n+++\n", Options{DefaultLang: en, Name: "news/2024/05/floods"},
			func(a *Article) bool {
				return a.Lang == en && a.LangFrom == LangFromDefault && a.Name == "news/2024/05/floods"
			}},
		{"Jekyll date from the file name", "_posts/2024-05-01-floods.md", "---\ntitle: T\nlang: en\n---\n", Options{},
			func(a *Article) bool {
				return *a.Date == *day(2024, 5, 1) && a.Time().Equal(utc(2024, 5, 1, 0, 0)) && a.Line("date") == 0
			}},
		{"date key before the file name", "_posts/2024-05-01-floods.md", "---\ntitle: T\nlang: en\ndate: 2023-01-02\n---\n", Options{},
			func(a *Article) bool { return *a.Date == *day(2023, 1, 2) }},
		{"no date", "a.md", "---\ntitle: T\nlang: en\n---\n", Options{},
			func(a *Article) bool { return a.Date == nil && a.Time().IsZero() }},
		{"tags as words", "a.md", "---\ntitle: T\nlang: en\ntags: floods north\ncategories: news\n---\n", Options{},
			func(a *Article) bool {
				return reflect.DeepEqual(a.Tags, []string{"floods", "north"}) && reflect.DeepEqual(a.Categories, []string{"news"})
			}},
		{"keys in any case", "a.md", "---\nTitle: T\nLANG: en\ntranslationkey: k\n---\n", Options{},
			func(a *Article) bool {
				return a.Title == "T" && a.Lang == en && a.TranslationKey == "k" && a.TitleLine == 2
			}},
		{"YAML 1.1 and string booleans", "a.md", "---\ntitle: T\nlang: en\ndraft: yes\n---\n", Options{},
			func(a *Article) bool { return a.Draft }},
		{"quoted boolean", "a.md", "+++\ntitle = \"T\"\nlang = \"en\"\ndraft = \"false\"\nweight = \"-3\"\n+++\n", Options{},
			func(a *Article) bool { return !a.Draft && a.Weight == -3 }},
		{"a number as a title", "a.md", "---\ntitle: 1984\nlang: en\n---\n", Options{},
			func(a *Article) bool { return a.Title == "1984" }},
		{"null values", "a.md", "---\ntitle: T\nlang: en\nauthor:\ntags: ~\ndate: null\n---\n", Options{},
			func(a *Article) bool { return a.Author == "" && a.Tags == nil && a.Date == nil }},
		{"aliases of anchors", "a.md", "---\ntitle: &t T\nlang: en\ndescription: *t\n---\n", Options{},
			func(a *Article) bool { return a.Description == "T" }},
		{"comments and unknown keys in order", "a.md", "---\n# top\ntitle: T # the title\nz: 1\n\n# about a\na:\n  - x\n\nlang: en\n---\n", Options{},
			func(a *Article) bool {
				return reflect.DeepEqual(a.Extra, []Field{{Key: "z", Raw: "z: 1\n", Line: 4}, {Key: "a", Raw: "a:\n  - x\n", Line: 7}}) && a.TitleLine == 3
			}},
		{"toml dotted keys and array tables", "a.md", "+++\ntitle = \"T\"\nlang = \"en\"\nparams.color = \"red\" # c\n[[resources]]\nsrc = \"a\"\n\n[[resources]]\nsrc = \"b\"\n+++\n", Options{},
			func(a *Article) bool {
				return reflect.DeepEqual(a.Extra, []Field{
					{Key: "params.color", Raw: "params.color = \"red\" # c\n", Line: 4},
					{Key: "resources", Raw: "[[resources]]\nsrc = \"a\"\n", Line: 5},
					{Key: "resources", Raw: "[[resources]]\nsrc = \"b\"\n", Line: 8},
				})
			}},
		{"no newline after the front matter", "a.md", "---\ntitle: T\nlang: en\n---", Options{},
			func(a *Article) bool { return a.BodyStart == len(a.Data) }},
		{"no front matter, allowed", "a.md", "\ufeffJust text.\n", Options{NoFrontMatter: true, DefaultLang: en},
			func(a *Article) bool {
				return a.Format == "" && a.Title == "" && string(a.Body()) == "Just text.\n" && a.TitleLine == 0
			}},
		{"fence with trailing spaces", "a.md", "---  \ntitle: T\nlang: en\n--- \nB", Options{},
			func(a *Article) bool { return string(a.Body()) == "B" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.opts.Parse(tt.path, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want(a) {
				t.Errorf("parsed into %+v\nlang %v from %q, name %q, body %q", a.Meta, a.Lang, a.LangFrom, a.Name, a.Body())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data string
		opts       Options
		err        string
	}{
		{"no front matter", "Body.\n", Options{}, `a.md:1: no front matter: start the file with a line "---", then title: "…" and lang: en`},
		{"unclosed toml", "+++\ntitle = \"T\"\n", Options{}, `a.md:1: front matter is never closed: add a line "+++" after it`},
		{"unclosed yaml", "---\ntitle: T\n", Options{}, `a.md:1: front matter is never closed: add a line "---" after it`},
		{"no title toml", "+++\nlang = \"en\"\n+++\n", Options{}, `a.md:1: front matter has no title: add title = "…"`},
		{"no title yaml", "---\nlang: en\n---\n", Options{}, `a.md:1: front matter has no title: add title: "…"`},
		{"misspelt title", "+++\nlang = \"ru\"\ntitel = \"Опечатка\"\n+++\n", Options{}, `a.md:3: front matter has no title: is "titel" meant to be title?`},
		{"empty title", "---\ntitle: \"  \"\nlang: en\n---\n", Options{}, `a.md:2: front matter has no title`},
		{"no lang", "+++\ntitle = \"T\"\n+++\n", Options{}, `a.md:1: the article does not say its language: add lang = en (the article's source language) to the front matter`},
		{"no lang, file names allowed", "---\ntitle: T\n---\n", Options{Langs: []language.Tag{ru}}, `add lang: en (the article's source language) to the front matter, or name the file like a.ru.md`},
		{"no front matter, no lang", "Text.\n", Options{NoFrontMatter: true}, `a.md:1: the article does not say its language: add front matter with lang: en`},
		{"bad lang", "+++\ntitle = \"T\"\nlang = \"e!\"\n+++\n", Options{}, `a.md:3: invalid language tag "e!": use a BCP 47 tag`},
		{"bad toml", "+++\ntitle = T\nlang = \"en\"\n+++\n", Options{}, "a.md:2: invalid front matter"},
		{"toml duplicate", "+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n", Options{}, "a.md:3: invalid front matter"},
		{"bad yaml", "---\ntitle: T\nlang: [en\n---\n", Options{}, "a.md:3: invalid front matter: did not find expected ',' or ']'"},
		{"bad yaml on the first line", "---\nlang: [en\n---\n", Options{}, "a.md:2: invalid front matter: did not find expected ',' or ']'"},
		{"yaml mapping in a list", "---\ntitle: T\ntags:\n  - a\n  b: c\n---\n", Options{}, "a.md:4: invalid front matter"},
		{"yaml control character", "---\ntitle: T\nlang: \"e\x01n\"\n---\n", Options{}, "a.md:3: YAML does not allow the character U+0001"},
		{"yaml tab", "---\ntitle: T\n\tlang: en\n---\n", Options{}, "a.md:3: invalid front matter: found a tab character"},
		{"date", "---\ntitle: T\nlang: en\ndate: 15 March\n---\n", Options{}, "a.md:4: date: 15 March is not a date: write 2024-03-15 or 2024-03-15T10:00:00Z"},
		{"quoted date", "+++\ntitle = \"T\"\ndate = \"March 15\"\n+++\n", Options{}, `a.md:3: date: "March 15" is not a date`},
		{"toml time of day", "+++\ntitle = \"T\"\nlastmod = 10:00:00\n+++\n", Options{}, `a.md:3: lastmod: 10:00:00 is not a date`},
		{"date list", "---\ntitle: T\ndate: [2024-01-01]\n---\n", Options{}, `a.md:3: date: a list is not a date`},
		{"draft", "---\ntitle: T\ndraft: maybe\n---\n", Options{}, `a.md:3: draft: maybe is not true or false: write draft: true`},
		{"draft number", "+++\ntitle = \"T\"\ndraft = 1\n+++\n", Options{}, `a.md:3: draft: 1 is not true or false: write draft = true`},
		{"weight", "---\ntitle: T\nweight: heavy\n---\n", Options{}, `a.md:3: weight: heavy is not a whole number: write weight: 10`},
		{"weight float", "+++\ntitle = \"T\"\nweight = 1.5\n+++\n", Options{}, `a.md:3: weight: 1.5 is not a whole number: write weight = 10`},
		{"tags mapping", "---\ntitle: T\ntags:\n  a: b\n---\n", Options{}, `a.md:3: tags: a table of keys is not a list: write tags: [a, b]`},
		{"tags item", "+++\ntitle = \"T\"\ntags = [\"a\", [\"b\"]]\n+++\n", Options{}, `a.md:3: tags: item 2 is a list, not text: write tags = ["a", "b"]`},
		{"title list", "---\ntitle: [a]\n---\n", Options{}, `a.md:2: title: a list is not text: write title: "…"`},
		{"title table", "+++\ntitle = {a = 1}\n+++\n", Options{}, `a.md:2: title: a table of keys is not text: write title = "…"`},
		{"title twice", "---\ntitle: T\nTitle: U\n---\n", Options{}, `a.md:3: Title is given twice (lines 2 and 3): keep one`},
		{"unknown key twice", "---\ntitle: T\nx: 1\nx: 2\n---\n", Options{}, `a.md:4: x is given twice (lines 3 and 4): keep one`},
		{"toml keys in two cases", "+++\ntitle = \"T\"\nTITLE = \"U\"\n+++\n", Options{}, `a.md:3: TITLE is given twice`},
		{"yaml braces", "---\n{title: T, lang: en}\n---\n", Options{}, `a.md:2: front matter in braces`},
		{"yaml not keys", "---\n- title\n---\n", Options{}, `a.md:2: the front matter is not keys and values`},
		{"yaml second document", "---\ntitle: T\n...\nlang: en\n---\n", Options{}, `a.md:4: invalid front matter: did not find expected <document start>`},
		{"yaml lone CR", "---\ntitle: T\rlang: en\n---\n", Options{}, `a.md:2: U+000D is a line break in YAML`},
		{"yaml line separator", "---\ntitle: \"T\u2028U\"\n---\n", Options{}, `a.md:2: U+2028 is a line break in YAML`},
		{"invalid UTF-8", "+++\ntitle = \"T\"\nlang = \"\xff\"\n+++\n", Options{}, `a.md:3: invalid UTF-8 in the front matter`},
		{"unknown anchor", "---\ntitle: *t\n---\n", Options{}, `a.md:1: invalid front matter: unknown anchor`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.opts.Parse("a.md", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				if err == nil {
					t.Fatalf("parsed into %+v, want error %q", a.Meta, tt.err)
				}
				t.Fatalf("error %v\nwant %q", err, tt.err)
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("error of type %T, want *Error", err)
			}
		})
	}
}

func TestNameOf(t *testing.T) {
	langs := []language.Tag{en, ru}
	tests := []struct{ rel, name, err string }{
		{"floods.md", "floods", ""},
		{"news/2024/05/floods.md", "news/2024/05/floods", ""},
		{"news/2024/05/floods.ru.md", "news/2024/05/floods", ""},
		{"news/floods/index.md", "news/floods", ""},
		{"news/floods/index.en.markdown", "news/floods", ""},
		{"news/_index.md", "news", ""},
		{`news\floods.MD`, "news/floods", ""},
		{"_posts/2024-05-01-Наводнение.md", "_posts/2024-05-01-Наводнение", ""},
		{"index.md", "index", ""},
		{"floods.txt", "", "article files end in .md or .markdown"},
		{"floods.de.md", "", `'.' in "floods.de"`},
		{"my floods.md", "", `' ' in "my floods"`},
		{"/abs/floods.md", "", "relative to the articles folder"},
		{"../floods.md", "", "relative to the articles folder"},
		{"news//floods.md", "", "relative to the articles folder"},
	}
	for _, tt := range tests {
		name, err := NameOf(tt.rel, langs)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("NameOf(%q) = %q, %v, want error %q", tt.rel, name, err, tt.err)
			}
			continue
		}
		if err != nil || name != tt.name {
			t.Errorf("NameOf(%q) = %q, %v, want %q", tt.rel, name, err, tt.name)
		}
	}
}

func TestSlugOf(t *testing.T) {
	if s, err := SlugOf("articles/floods-2.md"); err != nil || s != "floods-2" {
		t.Errorf("SlugOf = %q, %v", s, err)
	}
	if _, err := SlugOf("articles/Bad Name.md"); err == nil {
		t.Error("a slug with capitals and a space was accepted")
	}
}

func TestFormatOf(t *testing.T) {
	for data, want := range map[string]Format{"---\n": YAML, "\ufeff+++\r\n": TOML, "--- \ntitle": YAML, "Text": "", "----\n": "", "": ""} {
		if got := FormatOf([]byte(data)); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", data, got, want)
		}
	}
}
