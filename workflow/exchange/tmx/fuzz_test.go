package tmx

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// FuzzRead checks that Read never panics, and that what it reads Write
// writes and Read reads back the same.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"memory.golden.tmx", "cat-tool.tmx", "po2tmx.tmx"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<tmx><header/><body><tu><tuv xml:lang="en"><seg><bpt i="1" x="0"/>a<ept i="1"/><it pos="end"/><hi><ph x="007"/></hi></seg></tuv></tu></body></tmx>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, doc); err != nil {
			return // Read takes what Write refuses: a unit without a language, say
		}
		again, err := Read(buf.Bytes())
		if err != nil {
			t.Fatalf("Read of what Write wrote: %v\n%s", err, buf.Bytes())
		}
		want := *doc
		want.SrcLang = headerLang(doc)
		if want.CreationTool == "" {
			want.CreationTool = "tilmash"
		}
		if want.CreationToolVersion == "" {
			want.CreationToolVersion = "1"
		}
		if !reflect.DeepEqual(normal(again), normal(&want)) {
			t.Fatalf("Read(Write(Read(data))) =\n%+v\nwant\n%+v", again, &want)
		}
	})
}

// FuzzRoundTrip checks that any texts Write takes come back from Read as
// they were, placeholders and all.
func FuzzRoundTrip(f *testing.F) {
	f.Add("Last fall, we wrote about <1>the TSO</1>.", "Өткен күзде <2/> біз <1>ТМҰ</1>.", "en", "kk", "push", int64(1764950650))
	f.Add("<1><2>a</1></2> </3> <4> <0> <99999> &amp; \r\n\t", "", "ru", "tr-TR", "", int64(0))
	f.Fuzz(func(t *testing.T, src, trg, srcLang, trgLang, via string, secs int64) {
		doc := &Document{Units: []Unit{{
			ID: src, SrcLang: srcLang, Props: []Prop{{"x-tilmash-via", via}},
			Variants: []Variant{
				{Lang: srcLang, Text: src},
				{Lang: trgLang, Text: trg, ChangedBy: via, Props: []Prop{{"x-tilmash-origin", trg}}},
			},
		}}}
		if secs > 0 && secs < 253402300799 { // years 1970 to 9999
			doc.Units[0].Variants[1].Changed = time.Unix(secs, 0).UTC()
		}
		var buf bytes.Buffer
		if err := Write(&buf, doc); err != nil {
			return // text XML cannot carry, or no language
		}
		got, err := Read(buf.Bytes())
		if err != nil {
			t.Fatalf("Read: %v\n%s", err, buf.Bytes())
		}
		doc.SrcLang, doc.CreationTool, doc.CreationToolVersion = headerLang(doc), "tilmash", "1"
		if !reflect.DeepEqual(got, doc) {
			t.Fatalf("Read(Write(doc)) =\n%+v\nwant\n%+v\n%s", got, doc, buf.Bytes())
		}
	})
}

// normal returns the document with its dates in UTC, as Write writes
// them, so that documents compare with reflect.DeepEqual.
func normal(doc *Document) *Document {
	out := *doc
	out.Units = make([]Unit, len(doc.Units))
	for i, u := range doc.Units {
		u.Variants = append([]Variant(nil), u.Variants...)
		for j := range u.Variants {
			if !u.Variants[j].Changed.IsZero() {
				u.Variants[j].Changed = u.Variants[j].Changed.UTC()
			}
		}
		out.Units[i] = u
	}
	return &out
}
