package segment

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// inputs returns the test documents with their options.
func inputs(t testing.TB) map[string]Options {
	t.Helper()
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Options{}
	for _, f := range files {
		switch filepath.Ext(f) {
		case ".md":
			out[f] = Options{Lang: langOf(f)}
		case ".txt":
			out[f] = Options{Lang: langOf(f), Plain: true}
		}
	}
	return out
}

func langOf(name string) language.Tag {
	for _, l := range []string{"ru", "kk", "tr"} {
		if strings.Contains(name, "-"+l) {
			return language.Make(l)
		}
	}
	return language.English
}

// TestGolden compares the segments of each test document with its golden
// file; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for name, opts := range inputs(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Split(src, opts)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			for _, s := range doc.Segments {
				line, err := json.Marshal(s)
				if err != nil {
					t.Fatal(err)
				}
				buf.Write(line)
				buf.WriteByte('\n')
			}
			golden := strings.TrimSuffix(name, filepath.Ext(name)) + ".golden"
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("segments of %s differ from %s:\n%s", name, golden, buf.String())
			}
		})
	}
}

// TestRoundTrip checks that assembling a document from its own segments
// gives back the source, byte for byte.
func TestRoundTrip(t *testing.T) {
	for name, opts := range inputs(t) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checkRoundTrip(t, src, opts)
	}
}

func checkRoundTrip(t *testing.T, src []byte, opts Options) *Doc {
	t.Helper()
	doc, err := Split(src, opts)
	if err != nil {
		return nil
	}
	got, err := Assemble(doc, func(i int) string { return doc.Segments[i].Text })
	if err != nil {
		t.Fatalf("assemble: %v", err)
	}
	if !bytes.Equal(got, src) {
		t.Fatalf("round trip lost bytes:\n got %q\nwant %q", got, src)
	}
	last := 0
	for i, s := range doc.Segments {
		if s.Start < last || s.End < s.Start || s.End > len(src) {
			t.Fatalf("segment %d [%d,%d) overlaps or is out of range (last end %d)", i, s.Start, s.End, last)
		}
		last = s.End
		if err := CheckPlaceholders(s, s.Text); err != nil {
			t.Fatalf("segment %d %q does not keep its own placeholders: %v", i, s.Text, err)
		}
	}
	return doc
}

// TestRenderIsText checks that a translation rendered into the document
// reads back as the same text: escaping keeps it text, and placeholders
// bring back the markup.
func TestRenderIsText(t *testing.T) {
	for name, opts := range inputs(t) {
		if opts.Plain {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checkRender(t, src, opts)
	}
}

// checkRender renders every segment's own text through Render (as if it
// were a translation) and checks that splitting the result again gives the
// same texts.
func checkRender(t *testing.T, src []byte, opts Options) {
	t.Helper()
	opts.Unit = UnitParagraph
	doc, err := Split(src, opts)
	if err != nil {
		return
	}
	out, err := AssembleFunc(doc, func(i int) (string, error) { return Render(doc.Segments[i], doc.Segments[i].Text) })
	if err != nil {
		t.Fatalf("render own texts: %v", err)
	}
	again, err := Split(out, opts)
	if err != nil {
		t.Fatalf("re-split: %v\n%s", err, out)
	}
	var a, b []string
	for _, s := range doc.Segments {
		a = append(a, strings.Join(strings.Fields(s.Text), " "))
	}
	for _, s := range again.Segments {
		b = append(b, strings.Join(strings.Fields(s.Text), " "))
	}
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Fatalf("rendered text reads back differently:\nsource %q\nrender %q\n before %q\n after  %q", src, out, a, b)
	}
}

func TestSplitErrors(t *testing.T) {
	_, err := Split([]byte("ok\n\xff bad"), Options{Lang: language.English})
	if e, ok := err.(*EncodingError); !ok || e.Offset != 3 {
		t.Fatalf("invalid UTF-8: got %v, want an EncodingError at offset 3", err)
	}
}

func TestSplitProtectsMarkup(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"link", "See [the report](https://x.kz/a.b). Then go.", []string{"See <1>the report</1>.", "Then go."}},
		{"code", "Run `go test ./...` now. Done.", []string{"Run <1/> now.", "Done."}},
		{"autolink", "Read it (<https://golosislama.com/news.php?id=40268>). Next.", []string{"Read it (<1/>).", "Next."}},
		{"emphasis across sentences", "*One. Two.* Three.", []string{"<1>One. Two.</1>", "Three."}},
		{"escapes", `A \*star\* &amp; more.`, []string{"A *star* & more."}},
		{"literal placeholder", "Tag <1> is text.", []string{"Tag <1/>1> is text."}},
		{"soft break", "One line\nand the next.", []string{"One line and the next."}},
		{"image alt", "![A map of Kazakhstan](map.png)", []string{"<1>A map of Kazakhstan</1>"}},
		{"no words", "12345\n\n---\n\n<https://x.kz>", nil},
		{"byte-order mark and CRLF", "\ufeffFirst line.\r\nSecond\u00a0one follows.\r\n\r\n> Quote\r\n> on two lines.\r\n", []string{"First line.", "Second\u00a0one follows.", "Quote on two lines."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Split([]byte(tt.src), Options{Lang: language.English})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range doc.Segments {
				got = append(got, s.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			checkRoundTrip(t, []byte(tt.src), Options{Lang: language.English})
		})
	}
}

func TestRender(t *testing.T) {
	doc, err := Split([]byte("See [the report](https://x.kz) and `code`."), Options{Lang: language.English})
	if err != nil {
		t.Fatal(err)
	}
	seg := doc.Segments[0]
	tests := []struct {
		translation, want, err string
	}{
		{"Смотрите <1>отчёт</1> и <2/>.", "Смотрите [отчёт](https://x.kz) и `code`.", ""},
		{"<2/> и <1>отчёт</1>", "`code` и [отчёт](https://x.kz)", ""},
		{"1. <1>rapor</1> *bold* <script> [x](y) <2/>", "1\\. [rapor](https://x.kz) \\*bold\\* \\<script> \\[x\\](y) `code`", ""},
		{"# title <1>x</1><2/>", "\\# title [x](https://x.kz)`code`", ""},
		{"{{< youtube x >}} {{% param \"s\" %}} <1>x</1><2/>", "\\{\\{\\< youtube x >}} \\{\\{% param \"s\" %}} [x](https://x.kz)`code`", ""},
		{"line\nbreak <1>x</1> <2/>", "line break [x](https://x.kz) `code`", ""},
		{"<1>x</1>", "", "<2/> is missing"},
		{"<1>x <2/>", "", "<1> is never closed"},
		{"<1>x</1> <2/> <3/>", "", "<3/> is not in the source"},
		{"<1/> <2/>", "", "must be a pair"},
		{"<1>x</1> <2/> <2/>", "", "more than once"},
	}
	for _, tt := range tests {
		got, err := Render(seg, tt.translation)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Render(%q): error %v, want %q", tt.translation, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Render(%q) = %q, %v; want %q", tt.translation, got, err, tt.want)
		}
	}
}

// FuzzSplit checks that Split never panics, that the round trip is exact,
// and that rendered text reads back as text.
func FuzzSplit(f *testing.F) {
	for name := range inputs(f) {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src), false)
	}
	f.Add("*a **b** c* [x](<y z> 't') `` a ` b ``", false)
	f.Add("Mr. Smith went. He left!\n\nNew para.", true)
	f.Fuzz(func(t *testing.T, src string, plain bool) {
		for _, tag := range []language.Tag{language.English, language.Russian, language.Kazakh, language.Turkish} {
			opts := Options{Lang: tag, Plain: plain}
			checkRoundTrip(t, []byte(src), opts)
		}
		if !plain {
			checkRender(t, []byte(src), Options{Lang: language.English})
		}
	})
}

func TestHTMLTagsPair(t *testing.T) {
	tests := []struct{ src, want string }{
		{`Inline <abbr title="x">HTML</abbr> too.`, "Inline <1>HTML</1> too."},
		{`A <b>bold *and* plain</b> text.`, "A <1>bold <2>and</2> plain</1> text."},
		{`Crossed <b>*x</b>* stays apart.`, "Crossed <1/><2>x<3/></2> stays apart."},
		{`A line<br>break and <img src=x> here.`, "A line<1/>break and <2/> here."},
		{`Unclosed <span>text here.`, "Unclosed <1/>text here."},
	}
	for _, tt := range tests {
		doc, err := Split([]byte(tt.src), Options{Lang: language.English})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Segments) != 1 || doc.Segments[0].Text != tt.want {
			t.Errorf("%s: got %+v, want %q", tt.src, doc.Segments, tt.want)
		}
		checkRoundTrip(t, []byte(tt.src), Options{Lang: language.English})
	}
}
