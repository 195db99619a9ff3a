package segment

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// streamBlocks are the pieces randomDoc builds documents from: every kind
// of block that may stand on either side of a cut, and the kinds that must
// keep Stream from cutting.
var streamBlocks = []string{
	"Mr. Smith arrived at 5 p.m. He left. Dr. Jones stayed.",
	"A *stressed* and **strong** word, `code` and [a link](https://example.com/a.b \"The title. Two sentences.\").",
	"Ещё одна фраза. И вторая — с тире.",
	"# A heading. With two sentences",
	"Setext heading\n==============",
	"- one item. Two sentences.\n- two\n\n  continued item paragraph.",
	"42. yıl kutlandı. Sonra gidildi.",
	"1. first\n2. second",
	"> A quotation. It goes on.\n> Still quoted.",
	"> lazy quote\ncontinued lazily.",
	"```\nfenced code\n\nletters after a blank line\n```",
	"~~~~ go\ncode\n\nmore ~~~\n~~~~",
	"```a`b\nnot a fence",
	"- list\n\n  ```\n  indented fence\n\nText at column 0\n\n```\nafter",
	"| a | b |\n|---|---|\n| c. D | e |",
	"    indented code\n\n    more code",
	"Line with two spaces  \nhard break. Then more.",
	"Text with &amp; entities and \\* escapes.",
	"---",
	"Word",
	"Trailing space line.   ",
	"Tab\tinside. And end.",
	"A ~~struck~~ word.",
	"Crlf line.\r\nNext line.",
	"[^1] footnote reference only.",
	"Plain <b>HTML</b> here.",
	"[ref]: https://example.com",
	"See [the ref][ref]. Later.",
	"{{< figure src=\"x\" >}}",
	"Lone\rcarriage return.",
	"\u00a0no-break space line",
	"Hello! World? Fine. Mr. Smith left at 5 p.m. He said so.",
	"Plain words on a line\nand on a second line\nThird Line. End.",
	"Wörter über Ärger. Ещё строка\nи ещё. Türkçe ıİ.",
	"Emphasis*inside a word. And_underscores_too.",
	"Ends with two spaces  \nthen a line. Fine.",
	"Ends with a backslash\\\nthen a line.",
	"Tab\tinside the line. And 50% of $5, #1 = 2 - 1 + 0: yes; no.",
	"Apostrophe's and \"quotes\" and «guillemets» — dashes.",
	"Setext under plain words\n---",
	"Plain words then a list\n- item",
	"Plain words then a quote\n> quoted",
	"Plain words then\n    indented continuation",
	"A line with a pipe | in it\n--- | ---\nrow | cell",
	"Letters\n\n\n\nafter several blank lines.",
	"Last line without a break",
	"\"Quoted first. Two sentences,\" he said. Then more.",
	"'Single quoted first,' she said.",
	"(Parenthesis first.) Then a sentence.",
	"$5 was the price. !Bang. ?Query. /slash. @handle. %percent. ,comma. .dot. ;semi.",
	"!  [image](x.png) after a bang",
}

// randomDoc joins random blocks with blank lines or single line breaks.
func randomDoc(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(12) + 1; n > 0; n-- {
		b.WriteString(streamBlocks[r.IntN(len(streamBlocks))])
		switch r.IntN(4) {
		case 0:
			b.WriteString("\n")
		case 1:
			b.WriteString("\n \t\n")
		default:
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// streamed collects what stream yields.
func streamed(t *testing.T, src []byte, opts Options, size, workers int) ([]Segment, []Warning, error) {
	t.Helper()
	var segs []Segment
	var warns []Warning
	err := stream(src, opts, size, workers, func(s []Segment, w []Warning) error {
		segs = append(segs, s...)
		warns = append(warns, w...)
		return nil
	})
	return segs, warns, err
}

// checkStream fails unless Stream, with parts of every size in sizes,
// gives exactly what Split gives.
func checkStream(t *testing.T, src []byte, opts Options, sizes ...int) {
	t.Helper()
	doc, err := Split(src, opts)
	for _, size := range sizes {
		segs, warns, serr := streamed(t, src, opts, size, 2)
		if err != nil || serr != nil {
			if fmt.Sprint(err) != fmt.Sprint(serr) {
				t.Fatalf("part size %d: Split says %v, Stream says %v\n%q", size, err, serr, src)
			}
			continue
		}
		if len(segs) == 0 && len(doc.Segments) == 0 {
			segs = doc.Segments // nil and empty are the same here
		}
		if !reflect.DeepEqual(segs, doc.Segments) {
			for i := range min(len(segs), len(doc.Segments)) {
				if !reflect.DeepEqual(segs[i], doc.Segments[i]) {
					t.Fatalf("part size %d (cuts %v): segment %d differs\nstream: %+v\nsplit:  %+v\n%q",
						size, partCuts(src, opts.Plain, size), i, segs[i], doc.Segments[i], src)
				}
			}
			t.Fatalf("part size %d: %d segments from Stream, %d from Split\n%q", size, len(segs), len(doc.Segments), src)
		}
		if len(warns) != len(doc.Warnings) || len(warns) > 0 && !reflect.DeepEqual(warns, doc.Warnings) {
			t.Fatalf("part size %d: warnings %v, want %v", size, warns, doc.Warnings)
		}
	}
}

func TestStreamEqualsSplit(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	langs := []language.Tag{language.English, language.Russian, language.Kazakh, language.Turkish}
	cut := 0
	for i := range 600 {
		src := []byte(randomDoc(r))
		for _, plain := range []bool{false, true} {
			opts := Options{Lang: langs[i%len(langs)], Plain: plain, Unit: Unit(i / 3 % 2)}
			if len(partCuts(src, plain, 1)) > 0 {
				cut++
			}
			checkStream(t, src, opts, 1, 16, 200)
		}
	}
	// the documents must be cut often enough for the test to mean something
	if cut < 300 {
		t.Fatalf("only %d of 1200 documents were cut into parts", cut)
	}
}

func TestPartCuts(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		plain bool
		want  []int
	}{
		{"paragraphs", "One.\n\nTwo.\n\nThree.", false, []int{6, 12}},
		{"blank line with spaces", "One.\n \t\nTwo.", false, []int{8}},
		{"no blank line", "One.\nTwo.", false, nil},
		{"list marker", "One.\n\n- two", false, nil},
		{"quotation mark", "One.\n\n\"Two.\"", false, []int{6}},
		{"parenthesis", "One.\n\n(Two.)", false, []int{6}},
		{"colon", "One.\n\n:--", false, nil},
		{"number", "One.\n\n42. Two", false, nil},
		{"heading", "One.\n\n# Two", false, nil},
		{"indented", "One.\n\n  Two", false, nil},
		{"Cyrillic", "Раз.\n\nДва.", false, []int{9}},
		{"inside a fence", "```\n\nTwo\n```\n\nThree", false, []int{14}},
		{"tilde fence closed by a longer one", "~~~\n\nTwo\n~~~~~\n\nThree", false, []int{16}},
		{"backtick info is no fence", "```a`b\n\nTwo", false, []int{8}},
		{"indented fence", "One.\n\n  ```\n\nTwo", false, nil},
		{"reference definition", "One.\n\n[a]: /b\n\nTwo", false, nil},
		{"shortcode", "One.\n\n{{< x >}}\n\nTwo", false, nil},
		{"HTML", "One.\n\n<div>\n\nTwo", false, nil},
		{"CRLF", "One.\r\n\r\nTwo.", false, []int{8}},
		{"lone CR", "One.\r\rTwo.\n\nThree", false, nil},
		{"plain: any paragraph", "One.\n\n- two\n\n<b>three", true, []int{6, 13}},
		{"plain: no-break space line is blank", "One.\n\u00a0\nTwo", true, []int{8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := partCuts([]byte(tt.src), tt.plain, 1)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("cuts %v, want %v", got, tt.want)
			}
			checkStream(t, []byte(tt.src), Options{Lang: language.English, Plain: tt.plain}, 1)
		})
	}
}

func TestStreamRefusesFirst(t *testing.T) {
	body := strings.Repeat("A sentence here.\n\n", 100)
	deep := strings.Repeat("> ", 120) + "deep\n"
	tests := []struct {
		name, src string
		want      error
	}{
		{"control character", body + "Bad \x01 byte.\n", &ControlError{Line: 201, Offset: 1804, Rune: 1}},
		{"invalid UTF-8 after a control character", "Bad \x01 byte.\n\n" + body + "Bad \xff byte.\n",
			&EncodingError{Line: 203, Offset: 1817}},
		{"nesting in a later part", body + deep + "\n" + body + "Bad \x02 byte.\n", &ControlError{Line: 403, Offset: 3850, Rune: 2}},
		{"nesting only", body + deep, &DepthError{Line: 201, Depth: 120, Max: DefaultMaxDepth}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := stream([]byte(tt.src), Options{Lang: language.English}, 64, 3, func([]Segment, []Warning) error {
				calls++
				return nil
			})
			if !reflect.DeepEqual(err, tt.want) {
				t.Fatalf("err = %#v, want %#v", err, tt.want)
			}
			if _, serr := Split([]byte(tt.src), Options{Lang: language.English}); !reflect.DeepEqual(serr, tt.want) {
				t.Fatalf("Split says %#v, want %#v", serr, tt.want)
			}
			if calls != 0 {
				t.Fatalf("yield was called %d times before the error", calls)
			}
		})
	}
}

func TestStreamStopsOnYieldError(t *testing.T) {
	src := []byte(strings.Repeat("A sentence here. And one more.\n\n", 1000))
	stop := errors.New("stop")
	calls := 0
	err := stream(src, Options{Lang: language.English}, 64, 2, func([]Segment, []Warning) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Fatalf("err = %v after %d calls, want the yield error after 1", err, calls)
	}
}

func FuzzStream(f *testing.F) {
	for _, b := range streamBlocks {
		f.Add(b+"\n\n"+b+"\n\nLast. Words.", false, 1, uint8(0))
	}
	langs := []language.Tag{language.English, language.Russian, language.Kazakh, language.Turkish}
	f.Fuzz(func(t *testing.T, src string, plain bool, size int, mode uint8) {
		size = 1 + abs(size)%64
		opts := Options{Lang: langs[mode%4], Plain: plain, Unit: Unit(mode / 4 % 2)}
		checkStream(t, []byte(src), opts, size)
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
