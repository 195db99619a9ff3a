package po

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// noLines returns a copy of f with every Entry.Line cleared, for comparing
// files that were written and parsed back.
func noLines(f *File) *File {
	if f == nil {
		return nil
	}
	c := *f
	c.Entries = append([]Entry(nil), f.Entries...)
	for i := range c.Entries {
		c.Entries[i].Line = 0
	}
	return &c
}

// sample is a file that uses every feature Write has.
func sample() *File {
	return &File{
		Header: Header{
			ProjectIDVersion: "tilmash kazakhstan-turkey",
			Language:         "ru",
			PluralForms:      PluralForms(language.Russian),
			Fields: [][2]string{
				{"PO-Revision-Date", "2024-05-01 10:00+0500"},
				{"Last-Translator", "Ivan <ivan@example.ru>"},
				{"Language-Team", "Russian"},
				{"X-Generator", "tilmash"},
			},
			Comments: []string{"Russian translation of the sample article.", ""},
		},
		Entries: []Entry{
			{
				ExtractedComments: []string{"The article's title."},
				References:        []string{"articles/kazakhstan-turkey.md:2"},
				Context:           "title",
				ID:                "Kazakhstan-Turkey: new steps and old risks of Tokayev?",
				Str:               "Казахстан-Турция: новые шаги и старые риски Токаева?",
			},
			{
				TranslatorComments: []string{"check the name", " indented"},
				ExtractedComments:  []string{"Previous source:\nFor Muslims in the post-Soviet space…"},
				References: []string{
					"articles/kazakhstan-turkey.md:7", "articles/kazakhstan-turkey.md:8",
					"articles/kazakhstan-turkey.md:9", "\u2068articles/with space.md\u2069:1",
					`"articles/quoted name.md":2`,
				},
				Flags:       []string{"fuzzy", "no-c-format"},
				PrevContext: "p1.s1",
				PrevID:      "For Muslims in the post-Soviet space, one of the important events of last week was the visit.",
				Context:     "p1.s1",
				ID:          "For Muslims in the post-Soviet space, one of the most important events of last week was the visit of Kazakhstan’s President Kassym-Jomart Tokayev to Turkey.",
				Str:         "Для мусульман постсоветского пространства одним из важных событий прошлой недели стал визит президента Казахстана Касым-Жомарта Токаева в Турцию.",
			},
			{
				Context: "p1.s2",
				ID:      "Escapes: \\ \" \t\r\a\b\f\v\x01\x7f and a line\nbreak, and <1>placeholders</1> <2/>.",
			},
			{
				Flags:      []string{"fuzzy"},
				PrevID:     "%d minute read",
				PrevPlural: "%d minutes read",
				Context:    "ui.minutes",
				ID:         "%d minute to read",
				Plural:     "%d minutes to read",
				Strs:       []string{"%d минута чтения", "%d минуты чтения", "%d минут чтения"},
			},
			{ID: "ends with a newline\n", Str: "заканчивается переводом строки\n"},
			{ID: "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword and more"},
			{
				TranslatorComments: []string{"removed"},
				PrevID:             "older",
				Context:            "p9.s1",
				ID:                 "A removed sentence.",
				Str:                "Удалённое предложение.",
				Obsolete:           true,
			},
			{Context: "p9.s2", ID: "obsolete plural", Plural: "plurals", Strs: []string{"", "x"}, Obsolete: true},
		},
	}
}

func TestWriteParseRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		file *File
	}{
		{"sample", sample()},
		{"empty", &File{}},
		{"header only", &File{Header: Header{Language: "kk", PluralForms: PluralForms(language.Kazakh), Flags: []string{"fuzzy"}}}},
		{"empty strings", &File{Entries: []Entry{
			{Context: "c"},
			{ID: "p", Strs: []string{""}},
			{ID: "q", Plural: "qq", Strs: []string{"", ""}, Obsolete: true},
			{ID: "r", TranslatorComments: []string{""}, ExtractedComments: []string{""}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.file); err != nil {
				t.Fatalf("Write: %v", err)
			}
			got, err := Parse(buf.Bytes())
			if err != nil {
				t.Fatalf("Parse: %v\n%s", err, buf.Bytes())
			}
			want := noLines(tt.file)
			// Write splits comments at line breaks.
			for i, e := range want.Entries {
				var split []string
				for _, c := range e.ExtractedComments {
					split = append(split, strings.Split(c, "\n")...)
				}
				want.Entries[i].ExtractedComments = split
			}
			if !reflect.DeepEqual(noLines(got), want) {
				t.Errorf("Parse(Write(file)) =\n%#v\nwant\n%#v\n%s", noLines(got), want, buf.Bytes())
			}
		})
	}
}

func TestWriteGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatalf("Write: %v", err)
	}
	golden := filepath.Join("testdata", "sample.golden.po")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("Write output differs from %s:\n%s", golden, buf.Bytes())
	}
}

// TestWriteIdempotent checks that writing what Parse read from a golden
// file or from a file that gettext's msgmerge wrote gives the same bytes.
func TestWriteIdempotent(t *testing.T) {
	for _, name := range []string{"sample.golden.po", "msgmerge.po"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, f); err != nil {
				t.Fatalf("Write: %v", err)
			}
			if !bytes.Equal(buf.Bytes(), data) {
				t.Errorf("Write(Parse(%s)) differs:\n%s", name, buf.Bytes())
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		file *File
		want string
	}{
		{"header", &File{Header: Header{
			Language: "ru\n", PluralForms: "\xff",
			Fields:   [][2]string{{"", "x"}, {"A:B", "x"}, {" A", "x"}, {"content-type", "text/plain"}, {"Language", "kk"}, {"X-A", "a\nb"}},
			Comments: []string{"\x00"}, Flags: []string{"", " fuzzy", "a,b"},
		}},
			"header: Language contains a line break\n" +
				"header: PluralForms is not valid UTF-8\n" +
				"header: field name \"\" must be non-empty, without colons or surrounding spaces\n" +
				"header: field name \"A:B\" must be non-empty, without colons or surrounding spaces\n" +
				"header: field name \" A\" must be non-empty, without colons or surrounding spaces\n" +
				"header: field Content-Type is not one of the other Fields; Header has it or Write writes it\n" +
				"header: field Language is not one of the other Fields; Header has it or Write writes it\n" +
				"header: field X-A contains a line break\n" +
				"header: comment contains a NUL character\n" +
				"header: flag \"\" must be non-empty UTF-8 without commas, line breaks or surrounding spaces\n" +
				"header: flag \" fuzzy\" must be non-empty UTF-8 without commas, line breaks or surrounding spaces\n" +
				"header: flag \"a,b\" must be non-empty UTF-8 without commas, line breaks or surrounding spaces"},
		{"entries", &File{Entries: []Entry{
			{ID: "", Str: "x"},
			{ID: "a", References: []string{"a b", "", "c\nd", "\"e f\"", "g\"h"}},
			{ID: "a", Obsolete: true},
			{ID: "b", Plural: "bs"},
			{ID: "c", Str: "x", Strs: []string{"y"}},
			{ID: "d\x00", Str: "\xff", Strs: []string{"\xfe"}, PrevID: "\x00"},
		}},
			"entry 1 (msgid \"\"): msgid \"\" without msgctxt is the header entry; set File.Header instead\n" +
				"entry 2 (msgid \"a\"): reference \"a b\" must be non-empty UTF-8 without white space (except inside quotes or U+2068 … U+2069)\n" +
				"entry 2 (msgid \"a\"): reference \"\" must be non-empty UTF-8 without white space (except inside quotes or U+2068 … U+2069)\n" +
				"entry 2 (msgid \"a\"): reference \"c\\nd\" must be non-empty UTF-8 without white space (except inside quotes or U+2068 … U+2069)\n" +
				"entry 3 (msgid \"a\"): duplicate of entry 2; msgctxt and msgid must be unique, obsolete entries included\n" +
				"entry 4 (msgid \"b\"): Plural is set but Strs is empty; a plural entry needs msgstr[0] at least\n" +
				"entry 5 (msgid \"c\"): both Str and Strs are set; a plural entry has Strs only\n" +
				"entry 6 (msgid \"d\\x00\"): msgid contains a NUL character\n" +
				"entry 6 (msgid \"d\\x00\"): msgstr is not valid UTF-8\n" +
				"entry 6 (msgid \"d\\x00\"): #| msgid contains a NUL character\n" +
				"entry 6 (msgid \"d\\x00\"): msgstr[0] is not valid UTF-8\n" +
				"entry 6 (msgid \"d\\x00\"): both Str and Strs are set; a plural entry has Strs only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.file)
			if err == nil {
				t.Fatalf("Write succeeded:\n%s", buf.Bytes())
			}
			if err.Error() != tt.want {
				t.Errorf("Write error:\n%v\nwant\n%s", err, tt.want)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Errorf("Write error is %T, want ErrorList", err)
			}
			if buf.Len() > 0 {
				t.Errorf("Write wrote %d bytes despite the error", buf.Len())
			}
		})
	}
	if err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}

// msgmerge is what Parse reads from testdata/msgmerge.po, which gettext's
// msgmerge --previous wrote.
var msgmerge = &File{
	Header: Header{
		ProjectIDVersion: "tilmash kazakhstan-turkey",
		Language:         "kk",
		PluralForms:      "nplurals=2; plural=(n != 1);",
		Fields: [][2]string{
			{"PO-Revision-Date", "2024-05-01 10:00+0500"},
			{"Last-Translator", "Aigerim <aigerim@example.kz>"},
			{"Language-Team", "Kazakh"},
		},
		Comments: []string{"Kazakh translation of the sample article.", "Copyright (C) 2024 Tilmash newsroom"},
	},
	Entries: []Entry{
		{
			ExtractedComments: []string{"Title of the article"},
			References:        []string{"articles/kazakhstan-turkey.md:2"},
			Context:           "title",
			ID:                "Kazakhstan-Turkey: new steps and old risks of Tokayev?",
			Str:               "Қазақстан-Түркия: Тоқаевтың жаңа қадамдары мен ескі тәуекелдері?",
			Line:              15,
		},
		{
			ExtractedComments: []string{"Previous sentence: none"},
			References: []string{
				"articles/kazakhstan-turkey.md:7", "articles/kazakhstan-turkey.md:8",
				"articles/kazakhstan-turkey.md:9", "articles/kazakhstan-turkey.md:10",
				`"articles/file with spaces.md":11`,
			},
			Flags:       []string{"fuzzy", "c-format"},
			PrevContext: "p1.s1",
			PrevID:      "For Muslims in the post-Soviet space, one of the important events of last week was the visit of Kazakhstan’s President Kassym-Jomart Tokayev to Turkey.",
			Context:     "p1.s1",
			ID:          "For Muslims in the post-Soviet space, one of the most important events of last week was the visit of Kazakhstan’s President Kassym-Jomart Tokayev to Turkey.",
			Str:         "Посткеңестік кеңістіктегі мұсылмандар үшін өткен аптаның маңызды оқиғаларының бірі Қазақстан Президенті Қасым-Жомарт Тоқаевтың Түркияға сапары болды.",
			Line:        21,
		},
		{Context: "p1.s2", ID: "Line one\nLine \"two\"\twith a tab\\", Line: 41},
		{
			Flags:       []string{"fuzzy"},
			PrevContext: "ui.minutes",
			PrevID:      "%d minute read",
			PrevPlural:  "%d minutes read",
			Context:     "ui.minutes",
			ID:          "%d minute to read",
			Plural:      "%d minutes to read",
			Strs:        []string{"%d минут оқу", "%d минут оқу"},
			Line:        47,
		},
		{Context: "p9.s1", ID: "A removed sentence.", Str: "Жойылған сөйлем.", Obsolete: true, Line: 57},
	},
}

func TestParseFiles(t *testing.T) {
	edge := &File{
		Header: Header{
			ProjectIDVersion: "edge 1",
			Language:         "tr",
			PluralForms:      "nplurals=2; plural=(n != 1);",
			Fields:           [][2]string{{"X-Generator", "hand"}},
			Comments:         []string{"Header comment", ""},
			Flags:            []string{"fuzzy"},
		},
		Entries: []Entry{
			{
				TranslatorComments: []string{" two spaces"},
				ExtractedComments:  []string{"no space", ""},
				References:         []string{"a.md:1", "b.md:2", "\u2068name with spaces.md\u2069:3"},
				Flags:              []string{"no-wrap", "range: 0..10"},
				Context:            "ctx",
				ID:                 "abc",
				Str:                "AB\a\b\f\v\r\\\"",
				Line:               11,
			},
			{ID: "no blank line between entries", Line: 22},
			{ID: "next", Str: "x", Line: 24},
			{
				PrevContext: "old", PrevID: "obs", Context: "old", ID: "obsolete plural",
				Plural: "obsolete plurals", Strs: []string{"one", "two"}, Obsolete: true, Line: 26,
			},
			{PrevID: "r", PrevPlural: "pq", ID: "s", Plural: "p", Strs: []string{""}, Line: 35},
		},
	}
	tests := []struct {
		file string
		crlf bool // with CRLF line endings and a byte order mark
		want *File
	}{
		{"msgmerge.po", false, msgmerge},
		{"msgmerge.po", true, msgmerge},
		{"edge.po", false, edge},
		{"edge.po", true, edge},
	}
	for _, tt := range tests {
		name := tt.file
		if tt.crlf {
			name += " with CRLF and BOM"
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if tt.crlf {
				data = append([]byte("\uFEFF"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
			}
			got, err := Parse(data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

// po returns a PO file whose first entry after the header is on line 4.
func po(entries string) string {
	return "msgid \"\"\nmsgstr \"Language: kk\\n\"\n\n" + strings.TrimPrefix(entries, "\n")
}

// parseErrorTests are inputs that Parse rejects, with the whole error
// message: one line per problem. FuzzParse starts from them too.
var parseErrorTests = []struct {
	name string
	in   string
	want string
}{
	{"invalid UTF-8", po("msgid \"a\xff\"\nmsgstr \"\xe2\x80\"\n"),
		"line 4: invalid UTF-8 at byte offset 42; convert the file to UTF-8 (msgconv --to-code=UTF-8)\n" +
			"line 5: invalid UTF-8 at byte offset 53; convert the file to UTF-8 (msgconv --to-code=UTF-8)"},
	{"NUL byte", "msgid \"\x00\"\nmsgstr \"\"\n", "line 1: NUL byte at byte offset 7; a PO file is text"},
	{"unterminated string", po(`msgid "abc
msgstr "x\"
msgid "d"
msgstr "e\
`),
		"line 4: unterminated string; add the closing \" (write \\\" for a quote inside the string)\n" +
			"line 5: unterminated string; add the closing \" (write \\\" for a quote inside the string)\n" +
			"line 7: unterminated string; add the closing \" (write \\\" for a quote inside the string)"},
	{"bad escapes", po(`msgid "\q \é \0 \400 \x \x00"
msgstr ""
`),
		"line 4: bad escape sequence \\q; write \\\\ for a backslash\n" +
			"line 4: bad escape sequence \\é; write \\\\ for a backslash\n" +
			"line 4: bad escape sequence \\0: a PO string holds no NUL, and an octal escape is one byte\n" +
			"line 4: bad escape sequence \\400: a PO string holds no NUL, and an octal escape is one byte\n" +
			"line 4: bad escape sequence \\x: want \\x and one or two hex digits, not 00\n" +
			"line 4: bad escape sequence \\x00: want \\x and one or two hex digits, not 00"},
	{"escapes that make invalid UTF-8", po(`msgid "\342\200"
msgstr "\xff"
`),
		"line 4: msgid is not valid UTF-8 once its escapes are decoded\n" +
			"line 4: msgstr is not valid UTF-8 once its escapes are decoded"},
	{"msgstr without msgid", po(`msgstr "a"

msgctxt "c"
msgstr "b"

msgid "x"
msgstr "y"
msgstr "z"
`),
		"line 4: msgstr without msgid\n" +
			"line 7: msgstr without msgid\n" +
			"line 11: msgstr without msgid"},
	{"msgid without msgstr", po(`msgid "a"

msgid "b"
msgctxt "c"
msgid "d"
`),
		"line 4: msgid has no msgstr\n" +
			"line 7: msgctxt after the msgid at line 6; msgctxt comes first in an entry, and the entry before needs a msgstr\n" +
			"line 8: msgid has no msgstr"},
	{"msgctxt without msgid", po(`msgctxt "a"
`), "line 4: msgctxt has no msgid"},
	{"keywords without strings", po(`msgid
msgstr
msgid "a" x
msgstr ""
`),
		"line 4: msgid has no string; write msgid \"\" for an empty one\n" +
			"line 5: msgstr has no string; write msgstr \"\" for an empty one\n" +
			"line 6: unexpected \"x\"; strings are in double quotes"},
	{"unknown keywords", po(`msgid "a"
msgstr "b"

msgidx "c"
Msgid "d"
"e"
msgstr[x] "f"
`),
		"line 7: unknown keyword \"msgidx\"\n" +
			"line 8: unexpected \"Msgid\"; want a keyword (msgid, msgstr, …), a string in double quotes or a comment\n" +
			"line 9: string without a keyword; strings follow msgid, msgstr and the like\n" +
			"line 10: bad plural index in \"msgstr[x]\""},
	{"plural forms", po(`msgid "a"
msgid_plural "as"
msgstr "x"

msgid "b"
msgstr[0] "x"

msgid "c"
msgid_plural "cs"
msgstr[1] "x"

msgid "d"
msgid_plural "ds"
msgid_plural "ds"
msgstr[0] ""

msgid "e"
msgid_plural "es"
`),
		"line 6: msgstr in a plural entry; write msgstr[0], msgstr[1], …\n" +
			"line 9: msgstr[0] without msgid_plural; write msgstr for a message without plural\n" +
			"line 13: msgstr[1] where msgstr[0] is expected\n" +
			"line 17: msgid_plural must follow msgid\n" +
			"line 21: msgid_plural has no msgstr"},
	{"duplicates", po(`msgid "a"
msgstr "1"

msgctxt "c"
msgid "a"
msgstr "2"

#, fuzzy
msgid "a"
msgstr "3"

#~ msgctxt "c"
#~ msgid "a"
#~ msgstr "4"

msgid ""
msgstr ""

#~ msgid ""
#~ msgstr ""
`),
		"line 11: duplicate message: msgid \"a\" is already at line 4\n" +
			"line 15: duplicate message: msgctxt \"c\" msgid \"a\" is already at line 7\n" +
			"line 19: second header entry (msgid \"\"); the first is at line 1\n" +
			"line 22: obsolete entry with msgid \"\" and no msgctxt, the header's msgid; remove the entry"},
	{"comments inside an entry", po(`msgctxt "a"
# comment
msgid "b"
#| msgid "c"
msgstr ""
`),
		"line 5: comment between msgctxt (line 4) and msgstr; comments go before the entry's msgctxt or msgid\n" +
			"line 7: comment between msgid (line 6) and msgstr; comments go before the entry's msgctxt or msgid"},
	{"previous fields", po(`#| msgid "a"
#| msgid "b"
#| msgctxt "c"
#| msgid_plural "d"
#| msgstr "e"
#| "f"
msgid "x"
msgstr ""

#| "g"
#| msgctxt "h"
#| msgid_plural
msgid "y"
msgstr ""
`),
		"line 5: second #| msgid in the entry\n" +
			"line 6: #| msgctxt after #| msgid; it comes first\n" +
			"line 8: unexpected \"msgstr\" after #|; want msgctxt, msgid or msgid_plural\n" +
			"line 13: #| string without #| msgctxt, msgid or msgid_plural\n" +
			"line 15: #| msgid_plural without #| msgid before it\n" +
			"line 15: #| msgid_plural has no string; write msgid_plural \"\" for an empty one\n" +
			"line 13: #| msgctxt without #| msgid after it"},
	{"obsolete mixed with active lines", po(`#~ msgid "a"
msgstr "b"
`), "line 4: the entry mixes obsolete (#~) and active lines"},
	{"header", `# h
msgid ""
msgid_plural ""
msgstr[0] ""

msgid ""
msgstr ""
`,
		"line 1: the header entry (msgid \"\") has msgid_plural; a header has none\n" +
			"line 6: second header entry (msgid \"\"); the first is at line 1"},
	{"header fields", `msgid ""
msgstr ""
"Language: kk\n"
"Language: ru\n"
"no colon\n"
": no name\n"
"Content-Type: text/plain; charset=KOI8-R\n"
`,
		"line 2: header field Language appears twice\n" +
			"line 2: header line \"no colon\" is not \"Name: value\"\n" +
			"line 2: header line \": no name\" is not \"Name: value\"\n" +
			"line 2: charset \"KOI8-R\" is not supported; convert the file to UTF-8 (msgconv --to-code=UTF-8)"},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.in))
			if err == nil {
				t.Fatalf("Parse succeeded: %#v", f)
			}
			if f != nil {
				t.Errorf("Parse returned a file with the error")
			}
			if err.Error() != tt.want {
				t.Errorf("Parse error:\n%v\nwant\n%s", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Line == 0 {
				t.Errorf("Parse error has no *Error with a line: %#v", err)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *File
	}{
		{"empty", "", &File{}},
		{"no header", "msgid \"a\"\nmsgstr \"b\"", &File{Entries: []Entry{{ID: "a", Str: "b", Line: 1}}}},
		{"context only", "msgctxt \"c\"\nmsgid \"\"\nmsgstr \"\"\n", &File{Entries: []Entry{{Context: "c", Line: 1}}}},
		{"template charset", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=CHARSET\\n\"\n", &File{}},
		// Found by FuzzParse: Write refused the carriage return.
		{"carriage returns in flags and references", "#, a\rb, \rc\r\n#: d\re\r\nmsgid \"x\"\nmsgstr \"\"\n",
			&File{Entries: []Entry{{Flags: []string{"a\rb", "c"}, References: []string{"d", "e"}, ID: "x", Line: 1}}}},
		{"carriage return in a header value", "msgid \"\"\nmsgstr \"X-A: a\\rb\\n\"\n",
			&File{Header: Header{Fields: [][2]string{{"X-A", "a\rb"}}}}},
		{"lone carriage returns", "# a\rb\r\r\nmsgid \"\r\"\nmsgstr \"\"\r\n",
			&File{Entries: []Entry{{TranslatorComments: []string{"a\rb"}, ID: "\r", Line: 1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

func TestFuzzy(t *testing.T) {
	if !(Entry{Flags: []string{"c-format", "fuzzy"}}).Fuzzy() {
		t.Error("Fuzzy() = false with the fuzzy flag")
	}
	if (Entry{Flags: []string{"no-fuzzy", "c-format"}}).Fuzzy() {
		t.Error("Fuzzy() = true without the fuzzy flag")
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		tag  string
		want string
	}{
		{"en", "nplurals=2; plural=(n != 1);"},
		{"en-GB", "nplurals=2; plural=(n != 1);"},
		{"kk", "nplurals=2; plural=(n != 1);"},
		{"kk-Cyrl-KZ", "nplurals=2; plural=(n != 1);"},
		{"tr", "nplurals=2; plural=(n != 1);"},
		{"ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
		{"ru-KZ", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
		{"fr", "nplurals=2; plural=(n > 1);"},
		{"ja", "nplurals=1; plural=0;"},
		{"und", ""},
		{"xh", ""},
	}
	for _, tt := range tests {
		if got := PluralForms(language.MustParse(tt.tag)); got != tt.want {
			t.Errorf("PluralForms(%s) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}

// TestPluralFormsMatchCLDR evaluates the Plural-Forms of en, ru, kk and tr
// and compares the form each n gets with CLDR's plural category for n,
// through golang.org/x/text/feature/plural.
func TestPluralFormsMatchCLDR(t *testing.T) {
	for _, tag := range []language.Tag{language.English, language.Russian, language.Kazakh, language.Turkish} {
		forms := PluralForms(tag)
		for n := 0; n <= 1000; n++ {
			got := evalPlural(t, forms, n)
			want := cldrForm(tag, n)
			if got != want {
				t.Errorf("%v: n=%d: Plural-Forms gives form %d, CLDR gives %d", tag, n, got, want)
				break
			}
		}
	}
}

func TestErrorMessage(t *testing.T) {
	if got, want := (&Error{Line: 7, Msg: "m"}).Error(), "line 7: m"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := (&Error{Msg: "m"}).Error(), "m"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := (ErrorList{{Line: 1, Msg: "a"}, {Line: 2, Msg: "b"}}).Error(), "line 1: a\nline 2: b"; got != want {
		t.Errorf("ErrorList.Error() = %q, want %q", got, want)
	}
}
