package xliff

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// noLines returns a copy of d with every Unit.Line cleared, for comparing
// documents that were written and read back.
func noLines(d *Document) *Document {
	if d == nil {
		return nil
	}
	c := *d
	c.Files = make([]File, len(d.Files))
	for i, f := range d.Files {
		f.Units = append([]Unit(nil), f.Units...)
		for j := range f.Units {
			f.Units[j].Line = 0
		}
		c.Files[i] = f
	}
	return &c
}

// sample is a document that uses every feature Write has.
func sample() *Document {
	return &Document{
		SrcLang: "en",
		TrgLang: "ru",
		Files: []File{{
			ID:    "kazakhstan-turkey",
			Notes: []Note{{Category: "title", Text: "Kazakhstan-Turkey: new steps & old risks"}},
			Units: []Unit{
				{
					ID:     "title",
					Notes:  []Note{{Category: "context", Text: "The article's title."}},
					Source: "Kazakhstan-Turkey: new steps and old risks of Tokayev?",
				},
				{
					ID: "p1.s1",
					Notes: []Note{
						{Category: "context", Text: "Before: none"},
						{Text: "Keep <links> & \"quotes\""},
					},
					Codes: []Code{
						{ID: "1", Open: "[", Close: "](https://golosislama.com/news.php?id=40268)", Paired: true},
						{ID: "2", Open: "`go test`"},
					},
					Source:    "Read <1>the news</1> and run <2/>.",
					Target:    "Прочтите <1>новость</1> и запустите <2/>.",
					HasTarget: true,
					State:     StateTranslated,
				},
				{
					ID:        "p1.s2",
					Source:    "Emphasis <1>inside <2>nested</2></1> and an empty target.",
					HasTarget: true,
					State:     StateInitial,
				},
			},
		}, {
			ID: "second",
			Units: []Unit{{
				ID:        "p1.s1",
				Source:    "  Spaces,\ttabs\nand a lone \r, 1 < 2 > 0, \x01 and <not a placeholder>, <1/ >.  ",
				Target:    "Final.",
				HasTarget: true,
				State:     StateFinal,
			}},
		}},
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		doc  *Document
	}{
		{"sample", sample()},
		{"minimal", &Document{SrcLang: "kk", Files: []File{{ID: "a", Units: []Unit{{ID: "u", Source: ""}}}}}},
		{"reviewed", &Document{SrcLang: "en", TrgLang: "tr", Files: []File{{ID: "a", Units: []Unit{
			{ID: "u-1_x.y", Source: "<1/><2></2>", Target: "<2></2><1/>", HasTarget: true, State: StateReviewed,
				Codes: []Code{{ID: "1", Open: "![img](a.png)"}, {ID: "2", Paired: true}}},
		}}}}},
		{"codes with characters XML cannot carry", &Document{SrcLang: "en", Files: []File{{ID: "a", Units: []Unit{
			{ID: "u", Source: "<1/>", Codes: []Code{{ID: "1", Open: "\x00\x1b[0m\r\n"}}},
		}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.doc); err != nil {
				t.Fatalf("Write: %v", err)
			}
			got, err := Read(buf.Bytes())
			if err != nil {
				t.Fatalf("Read: %v\n%s", err, buf.Bytes())
			}
			if !reflect.DeepEqual(noLines(got), noLines(tt.doc)) {
				t.Errorf("Read(Write(doc)) =\n%#v\nwant\n%#v", noLines(got), tt.doc)
			}
		})
	}
}

func TestWriteGolden(t *testing.T) {
	tests := []struct {
		name string
		doc  *Document
	}{
		{"sample", sample()},
		{"pending", &Document{SrcLang: "en", TrgLang: "kk", Files: []File{{ID: "kazakhstan-turkey", Units: []Unit{
			{ID: "p3.s2", Source: "Last fall, we wrote about it (<1/>).",
				Codes: []Code{{ID: "1", Open: "<https://golosislama.com/news.php?id=40268>"}},
				Notes: []Note{{Category: "previous-source", Text: "Last fall we wrote about it."}}},
		}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.doc); err != nil {
				t.Fatalf("Write: %v", err)
			}
			golden := filepath.Join("testdata", tt.name+".golden.xlf")
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
			// Idempotent: reading the golden file and writing it again
			// changes no byte.
			d, err := Read(want)
			if err != nil {
				t.Fatalf("Read(%s): %v", golden, err)
			}
			buf.Reset()
			if err := Write(&buf, d); err != nil {
				t.Fatalf("Write(Read(%s)): %v", golden, err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("Write(Read(%s)) differs:\n%s", golden, buf.Bytes())
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	unit := func(u Unit) *Document {
		return &Document{SrcLang: "en", TrgLang: "ru", Files: []File{{ID: "f", Units: []Unit{u}}}}
	}
	tests := []struct {
		name string
		doc  *Document
		want string
	}{
		{"no languages", &Document{Files: []File{{ID: "f", Units: []Unit{{ID: "u", HasTarget: true}}}}},
			"SrcLang is empty\nTrgLang is empty, but units have targets"},
		{"bad languages", &Document{SrcLang: "english", TrgLang: "r u", Files: []File{{ID: "f", Units: []Unit{{ID: "u"}}}}},
			"SrcLang \"english\" is not a valid BCP 47 language tag\nTrgLang \"r u\" is not a valid BCP 47 language tag"},
		{"no files", &Document{SrcLang: "en"}, "the document has no files"},
		{"file ids", &Document{SrcLang: "en", Files: []File{{ID: "a b", Units: []Unit{{ID: "u"}}}, {ID: "f"}, {ID: "f", Units: []Unit{{ID: "u"}}}}},
			"file id \"a b\" is not an XML NMTOKEN (letters, digits, '-', '_', '.')\nfile \"f\": the file has no units\nfile \"f\": file id \"f\" is used twice"},
		{"unit ids", &Document{SrcLang: "en", Files: []File{{ID: "f", Units: []Unit{{ID: ""}, {ID: "u"}, {ID: "u"}}}}},
			"file \"f\": unit id \"\" is not an XML NMTOKEN (letters, digits, '-', '_', '.')\nfile \"f\": unit \"u\": unit id \"u\" is used twice in the file"},
		{"state", unit(Unit{ID: "u", State: "done"}),
			`file "f": unit "u": state "done" is not one of initial, translated, reviewed, final`},
		{"target without HasTarget", unit(Unit{ID: "u", Target: "x"}),
			`file "f": unit "u": Target is set but HasTarget is false`},
		{"unbalanced source", unit(Unit{ID: "u", Source: "<1>a</2> <3><4></3></4> <5/><5>"}),
			"file \"f\": unit \"u\": source: </2> closes no open placeholder\n" +
				"file \"f\": unit \"u\": source: placeholders <3> and <4> overlap\n" +
				"file \"f\": unit \"u\": source: </4> closes no open placeholder\n" +
				"file \"f\": unit \"u\": source: placeholder id 5 is used twice\n" +
				"file \"f\": unit \"u\": source: placeholder <1> is never closed\n" +
				"file \"f\": unit \"u\": source: placeholder <5> is never closed"},
		{"target placeholders", unit(Unit{ID: "u", Source: "<1>a</1><2/>", Target: "<1/><2></2><3/>", HasTarget: true}),
			"file \"f\": unit \"u\": target: placeholder <1/> does not match the source's kind of placeholder 1\n" +
				"file \"f\": unit \"u\": target: placeholder <2> does not match the source's kind of placeholder 2\n" +
				"file \"f\": unit \"u\": target: placeholder <3/> is not in the source"},
		{"codes", unit(Unit{ID: "u", Source: "<1>a</1><2/>", Codes: []Code{
			{ID: "1", Open: "*"}, {ID: "2", Paired: true}, {ID: "3"}, {ID: "2"}, {ID: "1", Paired: true, Close: "\xff"}}}),
			"file \"f\": unit \"u\": code \"1\" is standalone, but <1> in the source is paired\n" +
				"file \"f\": unit \"u\": code \"2\" is paired, but <2/> in the source is standalone\n" +
				"file \"f\": unit \"u\": code \"3\" has no placeholder in the source\n" +
				"file \"f\": unit \"u\": code \"2\" is listed twice\n" +
				"file \"f\": unit \"u\": code \"1\" is listed twice\n" +
				"file \"f\": unit \"u\": code \"1\" is not valid UTF-8"},
		{"standalone code with close", unit(Unit{ID: "u", Source: "<1/>", Codes: []Code{{ID: "1", Close: ")"}}}),
			`file "f": unit "u": code "1" is standalone but has a Close`},
		{"invalid text", unit(Unit{ID: "u", Source: "\xff", Target: "\xfe", HasTarget: true, Notes: []Note{{Category: "\x01", Text: "\x00"}}}),
			"file \"f\": unit \"u\": note category contains U+0001, which XML cannot carry\n" +
				"file \"f\": unit \"u\": note contains U+0000, which XML cannot carry\n" +
				"file \"f\": unit \"u\": the source is not valid UTF-8\n" +
				"file \"f\": unit \"u\": the target is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.doc)
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

func TestReadFiles(t *testing.T) {
	tests := []struct {
		file string
		want *Document
	}{
		{"cat-tool.xlf", &Document{SrcLang: "en", TrgLang: "kk", Files: []File{{
			ID:    "kazakhstan-turkey",
			Notes: []Note{{Category: "title", Text: "Kazakhstan-Turkey"}},
			Units: []Unit{
				{
					ID:    "p1.s1",
					Notes: []Note{{Category: "context", Text: "Neighbours: none"}},
					Codes: []Code{
						{ID: "1", Open: "[", Close: "](https://golosislama.com/)", Paired: true},
						{ID: "2", Open: "`x`"},
					},
					Source:    "Read <1>the news</1>. Run <2/> now.",
					Target:    "Жаңалықты <1>оқыңыз</1>. Қазір <2/> іске қосыңыз.",
					HasTarget: true,
					State:     StateTranslated,
					Line:      14,
				},
				{ID: "p2.s1", Source: "Tom & Jerry <b> 1 < 2\a", Line: 39},
			},
		}}}},
		{"spanning.xlf", &Document{SrcLang: "en", TrgLang: "tr", Files: []File{{
			ID: "a",
			Units: []Unit{{
				ID:        "u1",
				Codes:     []Code{{ID: "1", Open: "*", Close: "*", Paired: true}},
				Source:    "One <1>two. Three</1>.",
				Target:    "Bir <1>üç. İki</1>.",
				HasTarget: true,
				State:     StateInitial,
				Line:      4,
			}},
		}}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Read(data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Read =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

// xlf returns an XLIFF document whose first <unit> is on line 4.
func xlf(units string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
<file id="f">
` + strings.TrimPrefix(units, "\n") + `</file>
</xliff>
`
}

// readTests are inputs that Read accepts, with the document it returns.
// FuzzRead starts from them too.
var readTests = []struct {
	name string
	in   string
	want *Document
}{
	{"BOM and CRLF", "\uFEFF" + strings.ReplaceAll(xlf(`<unit id="u"><segment><source>a
b</source></segment></unit>
`), "\n", "\r\n"),
		&Document{SrcLang: "en", TrgLang: "ru", Files: []File{{ID: "f", Units: []Unit{{ID: "u", Source: "a\nb", Line: 4}}}}}},
	{"prefixed core namespace", `<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru">
<x:file id="f"><x:unit id="u"><x:segment><x:source><x:ph id="1"/></x:source></x:segment></x:unit></x:file></x:xliff>`,
		&Document{SrcLang: "ru", Files: []File{{ID: "f", Units: []Unit{{ID: "u", Source: "<1/>", Line: 2}}}}}},
	{"empty target and literal angle brackets", xlf(`<unit id="u"><segment state="initial"><source>&lt;1 &lt;/ &lt;a&gt; &lt;1/ &gt;</source><target/></segment></unit>
`),
		&Document{SrcLang: "en", TrgLang: "ru", Files: []File{{ID: "f", Units: []Unit{
			{ID: "u", Source: "<1 </ <a> <1/ >", HasTarget: true, State: StateInitial, Line: 4}}}}}},
	{"least state wins", xlf(`<unit id="u">
<segment state="final"><source>a</source><target>b</target></segment>
<segment state="reviewed"><source>c</source><target>d</target></segment>
</unit>
`),
		&Document{SrcLang: "en", TrgLang: "ru", Files: []File{{ID: "f", Units: []Unit{
			{ID: "u", Source: "ac", Target: "bd", HasTarget: true, State: StateReviewed, Line: 4}}}}}},
	{"comments and processing instructions", xlf(`<unit id="u"><!-- c --><segment><source>a<!-- c -->b<?pi x?>c</source></segment></unit>
`),
		&Document{SrcLang: "en", TrgLang: "ru", Files: []File{{ID: "f", Units: []Unit{{ID: "u", Source: "abc", Line: 4}}}}}},
	{"text split by comments, CDATA and instructions", xlf(`<unit id="u"><segment>
<source>a<!--x-->b<![CDATA[<c>]]><pc id="1">d<?pi?>e<!--
-->f</pc>g<!--x--><!--y-->h</source>
<target>A<![CDATA[]]>B<!--x--><pc id="1">D<!--x-->E</pc><!--x-->G</target>
</segment></unit>
`),
		&Document{SrcLang: "en", TrgLang: "ru", Files: []File{{ID: "f", Units: []Unit{
			{ID: "u", Source: "ab<c><1>def</1>gh", Target: "AB<1>DE</1>G", HasTarget: true, Line: 4}}}}}},
}

func TestRead(t *testing.T) {
	for _, tt := range readTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read([]byte(tt.in))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Read =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

// readErrorTests are inputs that Read rejects, with the whole error
// message: one line per problem. FuzzRead starts from them too.
var readErrorTests = []struct {
	name string
	in   string
	want string
}{
	// The file as a whole.
	{"empty", "", "line 1: no XML element: this is not an XLIFF file"},
	{"not XML", "msgid \"\"\nmsgstr \"\"\n", "line 1: malformed XML: text outside the root element"},
	{"invalid UTF-8", "<xliff>\n\xff\xfe</xliff>\n\xc3",
		"line 2: invalid UTF-8 at byte offset 8; save the file as UTF-8\nline 3: invalid UTF-8 at byte offset 19; save the file as UTF-8"},
	{"other encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><xliff/>`,
		`line 1: encoding "ISO-8859-1" is not supported; save the file as UTF-8`},
	{"malformed", xlf(`<unit id="u">
<segment><source>a &nbsp; b</source></segment></unit>
`), "line 5: malformed XML: invalid character entity &nbsp;"},
	{"unclosed", "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\">\n<file>\n", "line 3: malformed XML: unexpected EOF"},
	{"pc crossing segments", xlf(`<unit id="u">
<segment><source>a <pc id="1">b</source></segment>
<segment><source>c</pc> d</source></segment>
</unit>
`), "line 5: malformed XML: element <pc> closed by </source>; a <pc> must close inside the same <source> (a paired code that spans segments is written <sc id=\"N\"/> … <ec startRef=\"N\"/>)"},
	{"too deep", xlf(`<unit id="u"><segment><source>` + strings.Repeat("<mrk>", 1000) + `</source></segment></unit>
`), "line 4: elements are nested more than 1000 deep"},
	{"two roots", "<a/>\n<b/>", "line 2: malformed XML: a second root element <b> after </a>"},
	{"wrong root", "<html><body/></html>", "line 1: the root element is <html>, not <xliff>: this is not an XLIFF file"},
	{"XLIFF 1.2", `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>`,
		"line 1: this is XLIFF 1.2; tilmash reads XLIFF 2.0: export the file as XLIFF 2.0"},
	{"no namespace", `<xliff version="2.0"/>`,
		`line 1: <xliff> has no namespace; want xmlns="urn:oasis:names:tc:xliff:document:2.0"`},
	{"other namespace", `<xliff xmlns="urn:x" version="2.0"/>`,
		`line 1: <xliff> is in namespace "urn:x"; want "urn:oasis:names:tc:xliff:document:2.0"`},
	{"root attributes", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0">
<file id="f"><unit id="u"><segment><source/><target/></segment></unit></file></xliff>`,
		"line 1: <xliff> has no version attribute; want version=\"2.0\"\n" +
			"line 1: <xliff> has no srcLang attribute; set it to the source language\n" +
			"line 1: <xliff> has no trgLang attribute, but units have targets (the first at line 2); set it to the target language"},
	{"bad root attributes", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="1.2" srcLang="en US" trgLang="?"/>`,
		"line 1: XLIFF version \"1.2\" is not supported; want version=\"2.0\"\n" +
			"line 1: srcLang \"en US\" is not a valid BCP 47 language tag\n" +
			"line 1: trgLang \"?\" is not a valid BCP 47 language tag\n" +
			"line 1: <xliff> has no <file>"},

	// Files.
	{"file ids", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
<file><unit id="u"><segment><source/></segment></unit></file>
<file id="a b"><unit id="u"><segment><source/></segment></unit></file>
<file id="f"><unit id="u"><segment><source/></segment></unit></file>
<file id="f"><unit id="u"><segment><source/></segment></unit></file>
<file id="g"/>
<unit id="u"/>
text
</xliff>`,
		"line 2: <file> has no id attribute\n" +
			"line 3: file id \"a b\" is not an XML NMTOKEN (letters, digits, '-', '_', '.')\n" +
			"line 5: file id \"f\" is used twice (first at line 4); give every <file> its own id\n" +
			"line 6: <file> has no <unit>\n" +
			"line 7: unexpected <unit> in <xliff>; want <file>\n" +
			"line 7: unexpected text \"text\" in <xliff>"},

	// Units.
	{"unit ids", xlf(`<unit><segment><source/></segment></unit>
<unit id="a/b"><segment><source/></segment></unit>
<unit id="u"><segment><source/></segment></unit>
<group id="g"><unit id="u"><segment><source/></segment></unit></group>
<unit id="v"/>
<unit id="w"><segment/><segment><source/><source/><target/><target/><note/></segment>x</unit>
`),
		"line 4: <unit> has no id attribute\n" +
			"line 5: unit id \"a/b\" is not an XML NMTOKEN (letters, digits, '-', '_', '.')\n" +
			"line 7: unit \"u\": unit id \"u\" is used twice in the file (first at line 6)\n" +
			"line 8: unit \"v\": <unit> has no <segment>\n" +
			"line 9: unit \"w\": <segment> has no <source>\n" +
			"line 9: unit \"w\": <segment> has a second <source>\n" +
			"line 9: unit \"w\": <segment> has a second <target>\n" +
			"line 9: unit \"w\": unexpected <note> in <segment>\n" +
			"line 9: unit \"w\": unexpected text \"x\" in <unit>\n" +
			"line 9: unit \"w\": <segment> has no <target>, but other segments of the unit have one; translate every segment of the unit or none"},
	{"state", xlf(`<unit id="u"><segment state="done"><source/></segment></unit>
`), `line 4: unit "u": state "done" is not one of initial, translated, reviewed, final`},
	{"order", xlf(`<unit id="u">
<segment><source>a</source><target order="0">a</target></segment>
<segment><source>b</source><target order="4">b</target></segment>
<segment><source>c</source><target order="1">c</target></segment>
</unit>
`),
		"line 5: unit \"u\": <target order=\"0\">: order must be a positive number\n" +
			"line 6: unit \"u\": <target order=\"4\">, but the unit has only 3 segments and ignorables\n" +
			"line 7: unit \"u\": two targets take position 1 in the unit; fix the order attributes"},
	{"original data", xlf(`<unit id="u">
<originalData><data id="d1">a<x/></data><data>b</data><data id="d1">c</data><data id="1 2"/><cp hex="41"/></originalData>
<segment><source><ph id="1" dataRef="d9"/></source></segment>
</unit>
`),
		"line 5: unit \"u\": unexpected <x> in <data>; data holds text and <cp> only\n" +
			"line 5: unit \"u\": <data> has no id attribute\n" +
			"line 5: unit \"u\": data id \"d1\" is used twice in the unit (first at line 5)\n" +
			"line 5: unit \"u\": data id \"1 2\" is not an XML NMTOKEN\n" +
			"line 5: unit \"u\": unexpected <cp> in <originalData>; want <data>\n" +
			"line 6: unit \"u\": <ph dataRef=\"d9\">: there is no <data id=\"d9\"> in the unit's <originalData>"},

	// Inline content.
	{"inline ids", xlf(`<unit id="u"><segment>
<source><ph/><ph id="a"/><ph id="1"/><pc id="1">x</pc><sc id="2"/></source>
<target><ph id="1"/><ph id="1"/><ph id="2"/><ph id="3"/></target>
</segment></unit>
`),
		"line 5: unit \"u\": <ph> in <source> has no id attribute\n" +
			"line 5: unit \"u\": <ph id=\"a\">: tilmash placeholder ids are decimal numbers; keep the ids of the file you were sent\n" +
			"line 5: unit \"u\": <pc id=\"1\">: id \"1\" is already used in the <source> by <ph> at line 5\n" +
			"line 5: unit \"u\": <sc id=\"2\"> in <source> is never closed; add <ec startRef=\"2\"/>\n" +
			"line 6: unit \"u\": <ph id=\"1\">: id \"1\" is already used in the <target> by <ph> at line 6\n" +
			"line 6: unit \"u\": <ph id=\"2\"> in <target> does not match <sc id=\"2\"> in <source>\n" +
			"line 6: unit \"u\": <ph id=\"3\"> in <target> has no counterpart in <source>"},
	{"spanning codes", xlf(`<unit id="u"><segment>
<source><ec startRef="1"/><ec/><sc id="1" isolated="yes"/><ec id="2" isolated="yes"/><sc id="3"/><pc id="4"><ec startRef="3"/></pc><pc id="5"><sc id="6"/></pc></source>
</segment></unit>
`),
		"line 5: unit \"u\": <ec startRef=\"1\"> in <source> closes no open <sc id=\"1\">\n" +
			"line 5: unit \"u\": <ec> in <source> has no startRef attribute\n" +
			"line 5: unit \"u\": isolated <sc>: the code must close in the same unit, with <ec startRef=…/>\n" +
			"line 5: unit \"u\": isolated <ec>: the code must open in the same unit, with <sc id=…/>\n" +
			"line 5: unit \"u\": <ec startRef=\"3\"> closes <sc id=\"3\"> while <pc id=\"4\"> (line 5) is still open; codes must nest\n" +
			"line 5: unit \"u\": <sc id=\"6\"> opened inside <pc id=\"5\"> must close before </pc>"},
	// Found by FuzzRead: a target's code was not checked when the source had none.
	{"target code when the source has none", xlf(`<unit id="u"><segment><source>a</source><target><pc id="1"/></target></segment></unit>
`), "line 4: unit \"u\": <pc id=\"1\"> in <target> has no counterpart in <source>"},
	{"unexpected inline content", xlf(`<unit id="u"><segment>
<source><b>bold</b><x:b xmlns:x="urn:x"/><ph id="1">x</ph><cp/><cp hex="D800"/></source>
</segment></unit>
`),
		"line 5: unit \"u\": unexpected <b> in <source>; only text and inline elements are allowed here\n" +
			"line 5: unit \"u\": unexpected <b> (namespace \"urn:x\") in <source>; only text and XLIFF inline elements are allowed here\n" +
			"line 5: unit \"u\": <ph> must be empty\n" +
			"line 5: unit \"u\": <cp> has no hex attribute\n" +
			"line 5: unit \"u\": <cp hex=\"D800\"> is not a Unicode code point"},
	{"text that reads as a placeholder", xlf(`<unit id="u"><segment>
<source>a &lt;1&gt; b <mrk id="m">&lt;</mrk>2/&gt;</source>
<target>
&lt;/3&gt;</target>
</segment></unit>
`),
		"line 5: unit \"u\": the text \"<1>\" in <source> reads as a tilmash placeholder; remove it, or use the inline element\n" +
			"line 6: unit \"u\": the text \"</3>\" in <target> reads as a tilmash placeholder; remove it, or use the inline element"},
	{"text that reads as a placeholder across comments", xlf(`<unit id="u"><segment>
<source>a<!--
-->&lt;<!-- -->1/&gt;</source>
</segment></unit>
`),
		"line 5: unit \"u\": the text \"<1/>\" in <source> reads as a tilmash placeholder; remove it, or use the inline element"},
	{"codes closed twice or by the wrong element", xlf(`<unit id="u"><segment>
<source><sc id="1"/><ec startRef="1"/><sc id="2"/><ec startRef="1"/><pc id="3"><ec startRef="3"/></pc>
<ec startRef="2"/><ec startRef="2"/></source>
</segment></unit>
`),
		"line 5: unit \"u\": <ec startRef=\"1\"> in <source> closes no open <sc id=\"1\">\n" +
			"line 5: unit \"u\": <ec startRef=\"3\"> in <source> closes no open <sc id=\"3\">\n" +
			"line 6: unit \"u\": <ec startRef=\"2\"> in <source> closes no open <sc id=\"2\">"},
	{"notes", xlf(`<unit id="u"><notes><note>a<b/></note><mrk/>t</notes><segment><source/></segment></unit>
`),
		"line 4: unit \"u\": unexpected <b> in <note>; a note holds text only\n" +
			"line 4: unit \"u\": unexpected <mrk> in <notes>; want <note>\n" +
			"line 4: unit \"u\": unexpected text \"t\" in <notes>"},
}

func TestReadErrors(t *testing.T) {
	for _, tt := range readErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read([]byte(tt.in))
			if err == nil {
				t.Fatalf("Read succeeded: %#v", d)
			}
			if d != nil {
				t.Errorf("Read returned a document with the error")
			}
			if err.Error() != tt.want {
				t.Errorf("Read error:\n%v\nwant\n%s", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Line == 0 {
				t.Errorf("Read error has no *Error with a line: %#v", err)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Line: 12, File: "f", Unit: "abc", Msg: `<pc id="3"> is never closed`}, `line 12: unit "abc": <pc id="3"> is never closed`},
		{&Error{Line: 2, Msg: "m"}, "line 2: m"},
		{&Error{File: "f", Unit: "u", Msg: "m"}, `file "f": unit "u": m`},
		{&Error{Msg: "m"}, "m"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
