package tmx

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// memory is a document as tilmash memory export builds one: a current
// unit in three languages, remembered ones with dates and origins, and
// text with every kind of placeholder and character XML escapes.
func memory() *Document {
	on := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	return &Document{Units: []Unit{
		{
			ID: "kazakhstan-turkey/last-fall-we-1a2b", SrcLang: "en",
			Props: []Prop{{"x-tilmash-article", "kazakhstan-turkey"}, {"x-tilmash-segment", "last-fall-we-1a2b"}},
			Variants: []Variant{
				{Lang: "en", Text: "Last fall, we wrote about <1>the TSO</1>: see <2/> & \"more\"."},
				{Lang: "kk", Text: "Өткен күзде біз <1>ТМҰ</1> туралы жаздық: <2/> & «тағы»."},
				{Lang: "tr", Text: "Geçen sonbahar <1>TDT</1> hakkında yazdık: <2/>.", Changed: on, ChangedBy: "Ayşe <ayse@example.org>",
					Props: []Prop{{"x-tilmash-via", "push"}, {"x-tilmash-state", "reviewed"}}},
			},
		},
		{
			SrcLang: "en",
			Props:   []Prop{{"x-tilmash-kept", "memory"}},
			Variants: []Variant{
				{Lang: "en", Text: "A <1>broken</2> pair <3>, an orphan </4> and\ttabs\r\nand lines\n"},
				{Lang: "ru", Text: "Сломанная <1>пара</2> <3>, сирота </4>", Props: []Prop{{"x-tilmash-origin", "cat.tmx, SomeCAT 9"}}},
			},
		},
		{
			SrcLang: "ru",
			Variants: []Variant{
				{Lang: "ru", Text: "<1><2>Вложенные</2></1> <1>дважды</1> <0> <12345> a < b > c"},
				{Lang: "kk", Text: "<1><2>Ішкі</2></1> <1>екі рет</1> <0> <12345> a < b > c", Changed: on.Add(-48 * time.Hour)},
			},
		},
	}}
}

func TestWriteGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, memory()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "memory.golden.tmx")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("Write differs from %s (go test -update rewrites it):\n%s", golden, buf.Bytes())
	}
	var again bytes.Buffer
	if err := Write(&again, memory()); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("a second Write differs (err %v)", err)
	}
}

func TestRoundTrip(t *testing.T) {
	doc := memory()
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	got, err := Read(buf.Bytes())
	if err != nil {
		t.Fatalf("Read: %v\n%s", err, buf.Bytes())
	}
	doc.SrcLang, doc.CreationTool, doc.CreationToolVersion = AllLangs, "tilmash", "1"
	if !reflect.DeepEqual(got, doc) {
		t.Errorf("Read(Write(doc)) =\n%+v\nwant\n%+v", got, doc)
	}
}

func TestHeaderLang(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  Document
		want string
	}{
		{"given", Document{SrcLang: "kk", Units: []Unit{{SrcLang: "en"}}}, "kk"},
		{"shared", Document{Units: []Unit{{SrcLang: "en"}, {}, {SrcLang: "en"}}}, "en"},
		{"mixed", Document{Units: []Unit{{SrcLang: "en"}, {SrcLang: "ru"}}}, AllLangs},
		{"none", Document{}, AllLangs},
	} {
		if got := headerLang(&tc.doc); got != tc.want {
			t.Errorf("%s: headerLang = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestReadCATTool reads what CAT tools write: pairs numbered by i only,
// isolated tags, marked text, native code with subflows, CDATA, the
// deprecated lang attribute, notes and header properties.
func TestReadCATTool(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "cat-tool.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	want := &Document{
		SrcLang: "en-US", CreationTool: "SomeCAT", CreationToolVersion: "9.1",
		Units: []Unit{
			{ID: "42", Props: []Prop{{"x-domain", "politics"}}, Variants: []Variant{
				{Lang: "en-US", Text: "Last fall, we wrote about <1>the TSO</1>."},
				{Lang: "kk-KZ", Text: "Өткен күзде біз <1>ТМҰ</1> туралы жаздық.",
					Changed: time.Date(2024, 5, 2, 11, 12, 13, 0, time.UTC), ChangedBy: "aigerim"},
			}},
			{Variants: []Variant{
				{Lang: "EN-US", Text: "Press <3/> then <5>go"},
				{Lang: "TR-TR", Text: "Basın <3/> sonra <5>git"},
			}},
			{SrcLang: "ru", Variants: []Variant{
				{Lang: "ru", Text: "<2>Фото</2><1/><3/>"},
				{Lang: "en", Text: "Photo & <more><1/><2/>"},
			}},
		},
	}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("Read =\n%+v\nwant\n%+v", doc, want)
	}
	if src := doc.Units[2].Source(doc.SrcLang); src == nil || src.Lang != "ru" {
		t.Errorf("Source of a unit with its own srclang = %+v, want the ru variant", src)
	}
	if got := doc.Units[0].Prop("x-domain"); got != "politics" {
		t.Errorf("Prop = %q", got)
	}
}

func TestReadPO2TMX(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "po2tmx.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.CreationTool != "Translate Toolkit" || doc.SrcLang != "en" || len(doc.Units) != 1 {
		t.Fatalf("Read = %+v", doc)
	}
	src := doc.Units[0].Source(doc.SrcLang)
	if src == nil || src.Text != `Hello <b>world</b> & "friends"` {
		t.Errorf("source = %+v", src)
	}
}

func TestReadErrors(t *testing.T) {
	const head = `<?xml version="1.0"?>` + "\n" + `<tmx version="1.4"><header srclang="en"/>` + "\n<body>\n"
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"empty", ``, "line 1: no <tmx> element"},
		{"not tmx", `<xliff/>`, "line 1: the root element is <xliff>, not <tmx>"},
		{"no header", `<tmx><body/></tmx>`, "<tmx> has no <header>"},
		{"no body", `<tmx><header/></tmx>`, "<tmx> has no <body>"},
		{"truncated", head + `<tu><tuv xml:lang="en"><seg>a`, "line 4: unit #1: not well-formed XML"},
		{"no lang", head + `<tu><tuv><seg>a</seg></tuv></tu></body></tmx>`, "line 4: unit #1: <tuv> has no xml:lang"},
		{"no seg", head + `<tu tuid="x">` + "\n" + `<tuv xml:lang="en"></tuv></tu></body></tmx>`, `line 5: unit "x": <tuv xml:lang="en"> has no <seg>`},
		{"two segs", head + `<tu><tuv xml:lang="en"><seg>a</seg><seg>b</seg></tuv></tu></body></tmx>`, "has two <seg>s"},
		{"no tuv", head + `<tu></tu></body></tmx>`, "<tu> has no <tuv>"},
		{"bad date", head + `<tu><tuv xml:lang="en" changedate="yesterday"><seg>a</seg></tuv></tu></body></tmx>`, `changedate "yesterday" is not a date`},
		{"ept alone", head + `<tu><tuv xml:lang="en"><seg>a<ept i="1"/></seg></tuv></tu></body></tmx>`, `<ept i="1"> closes no <bpt>`},
		{"bpt alone", head + `<tu><tuv xml:lang="en"><seg><bpt i="1"/>a</seg></tuv></tu></body></tmx>`, `<bpt i="1"> is never closed`},
		{"bpt twice", head + `<tu><tuv xml:lang="en"><seg><bpt i="1"/><bpt i="1"/></seg></tuv></tu></body></tmx>`, `two <bpt i="1"> are open`},
		{"bpt no i", head + `<tu><tuv xml:lang="en"><seg><bpt/></seg></tuv></tu></body></tmx>`, `<bpt> has no i`},
		{"it pos", head + `<tu><tuv xml:lang="en"><seg><it/></seg></tuv></tu></body></tmx>`, `<it pos="">: pos is begin or end`},
		{"entity", head + `<tu><tuv xml:lang="en"><seg>&nbsp;</seg></tuv></tu></body></tmx>`, "not well-formed XML"},
	} {
		_, err := Read([]byte(tc.doc))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: Read error = %v, want an *Error", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Read error = %q, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  Document
		want string
	}{
		{"control", Document{Units: []Unit{{ID: "a", Variants: []Variant{{Lang: "en", Text: "bell\a"}}}}}, `unit "a": "bell\a" holds the character U+0007`},
		{"utf-8", Document{Units: []Unit{{Variants: []Variant{{Lang: "en", Text: "\xff"}}}}}, `unit #1: "\xff" is not valid UTF-8`},
		{"no variant", Document{Units: []Unit{{ID: "b"}}}, `unit "b": a unit needs at least one variant`},
		{"no lang", Document{Units: []Unit{{Variants: []Variant{{Text: "a"}}}}}, "a variant has no language"},
		{"no prop type", Document{Units: []Unit{{Props: []Prop{{Value: "v"}}, Variants: []Variant{{Lang: "en"}}}}}, "a property has no type"},
		{"header", Document{CreationTool: "\x00"}, "U+0000"},
	} {
		err := Write(&bytes.Buffer{}, &tc.doc)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Write error = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestDates(t *testing.T) {
	at := time.Date(2026, 12, 5, 16, 44, 10, 0, time.FixedZone("ALMT", 5*3600))
	if got := FormatDate(at); got != "20261205T114410Z" {
		t.Errorf("FormatDate = %q", got)
	}
	if got, err := ParseDate("20261205T114410Z"); err != nil || !got.Equal(at) {
		t.Errorf("ParseDate = %v, %v", got, err)
	}
	if _, err := ParseDate("2026-12-05"); err == nil {
		t.Error("ParseDate took 2026-12-05")
	}
}
