package po_test

import (
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/exchange/po"
)

func ExampleWrite() {
	f := &po.File{
		Header: po.Header{
			ProjectIDVersion: "tilmash kazakhstan-turkey",
			Language:         "ru",
			PluralForms:      po.PluralForms(language.Russian),
		},
		Entries: []po.Entry{
			{
				ExtractedComments: []string{"Previous source: Last fall we wrote about it."},
				Flags:             []string{"fuzzy"},
				PrevID:            "Last fall we wrote about it.",
				Context:           "p3.s2",
				ID:                "Last fall, we wrote about <1>the TSO</1>.",
				Str:               "Прошлой осенью мы писали об этом.",
			},
			{
				Context: "ui.minutes",
				ID:      "%d minute read",
				Plural:  "%d minutes read",
				Strs:    []string{"", "", ""},
			},
		},
	}
	if err := po.Write(os.Stdout, f); err != nil {
		fmt.Println(err)
	}
	// Output:
	// msgid ""
	// msgstr ""
	// "Project-Id-Version: tilmash kazakhstan-turkey\n"
	// "Language: ru\n"
	// "MIME-Version: 1.0\n"
	// "Content-Type: text/plain; charset=UTF-8\n"
	// "Content-Transfer-Encoding: 8bit\n"
	// "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
	// "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"
	//
	// #. Previous source: Last fall we wrote about it.
	// #, fuzzy
	// #| msgid "Last fall we wrote about it."
	// msgctxt "p3.s2"
	// msgid "Last fall, we wrote about <1>the TSO</1>."
	// msgstr "Прошлой осенью мы писали об этом."
	//
	// msgctxt "ui.minutes"
	// msgid "%d minute read"
	// msgid_plural "%d minutes read"
	// msgstr[0] ""
	// msgstr[1] ""
	// msgstr[2] ""
}

func ExampleParse() {
	data := []byte(`msgid ""
msgstr ""
"Language: kk\n"
"Content-Type: text/plain; charset=UTF-8\n"

#, fuzzy
msgctxt "p3.s2"
msgid "Last fall, we wrote about <1>the TSO</1>."
msgstr ""
"Өткен күзде біз <1>ТМҰ</1> "
"туралы жаздық."
`)
	f, err := po.Parse(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range f.Entries {
		fmt.Printf("%s (line %d, fuzzy %t): %s\n", e.Context, e.Line, e.Fuzzy(), e.Str)
	}

	// A broken file: every problem is reported with its line.
	_, err = po.Parse([]byte("msgid \"a\"\nmsgstr \"b\n\nmsgstr \"c\"\n"))
	fmt.Println(err)
	// Output:
	// p3.s2 (line 6, fuzzy true): Өткен күзде біз <1>ТМҰ</1> туралы жаздық.
	// line 2: unterminated string; add the closing " (write \" for a quote inside the string)
	// line 4: msgstr without msgid
}

func ExamplePluralForms() {
	for _, tag := range []language.Tag{language.English, language.Russian, language.Kazakh, language.Turkish} {
		fmt.Printf("%s: %s\n", tag, po.PluralForms(tag))
	}
	// Output:
	// en: nplurals=2; plural=(n != 1);
	// ru: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);
	// kk: nplurals=2; plural=(n != 1);
	// tr: nplurals=2; plural=(n != 1);
}
