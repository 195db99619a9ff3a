package po

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchSizes are the sizes every benchmark of Parse runs at: the cost
// per op must grow linearly with them.
var benchSizes = []int{1_000, 10_000, 100_000}

// manyEntries returns a PO file of n entries, each with comments, a
// reference, a flag, a previous msgid and a two-line msgstr; every tenth
// is plural.
func manyEntries(n int) []byte {
	var b strings.Builder
	b.WriteString(po(""))
	for i := range n {
		fmt.Fprintf(&b, "# translator %d\n#. extracted\n#: news/%d.md:%d\n#, fuzzy\n#| msgid \"old %d\"\n", i, i, i, i)
		if i%10 == 0 {
			fmt.Fprintf(&b, "msgid \"one %d\"\nmsgid_plural \"%d\"\nmsgstr[0] \"бір %d\"\nmsgstr[1] \"\"\n\"%d\\n\"\n\n", i, i, i, i)
			continue
		}
		fmt.Fprintf(&b, "msgctxt \"c\"\nmsgid \"sentence %d\"\nmsgstr \"\"\n\"сөйлем \\\"%d\\\"\\n\"\n\"екінші жол\"\n\n", i, i)
	}
	return []byte(b.String())
}

// continued returns a PO file with one entry whose field, after the
// keyword line head, is continued over n string lines.
func continued(head string, n int) []byte {
	var b strings.Builder
	b.WriteString(po(head))
	for range n {
		b.WriteString("\"...\"\n")
	}
	return []byte(b.String())
}

// repeated returns a PO file of n copies of line after the header.
func repeated(line string, n int) []byte {
	return []byte(po(strings.Repeat(line, n)))
}

// BenchmarkParse measures Parse on large and hostile inputs: many
// entries, and one entry whose msgstr, msgid, msgstr[N], "#| msgid" or
// header is continued over many lines, that has many comment lines or
// one line of many references that each open an isolate, or that
// repeats a keyword many times. Each case runs at 1k, 10k and 100k; linear cost means ns/op
// grows tenfold from one size to the next.
func BenchmarkParse(b *testing.B) {
	cases := []struct {
		name  string
		file  func(n int) []byte
		valid bool
	}{
		{"entries", manyEntries, true},
		{"msgstr-lines", func(n int) []byte { return continued("msgid \"a\"\nmsgstr \"\"\n", n) }, true},
		{"msgid-lines", func(n int) []byte {
			return append(continued("msgid \"\"\n\"a\"\n", n), "msgstr \"b\"\n"...)
		}, true},
		{"plural-lines", func(n int) []byte {
			return continued("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"c\"\nmsgstr[1] \"\"\n", n)
		}, true},
		{"previous-lines", func(n int) []byte {
			return []byte(po("#| msgid \"\"\n" + strings.Repeat("#| \"...\"\n", n) + "msgid \"a\"\nmsgstr \"b\"\n"))
		}, true},
		{"header-lines", func(n int) []byte {
			var b strings.Builder
			b.WriteString("msgid \"\"\nmsgstr \"\"\n")
			for i := range n {
				fmt.Fprintf(&b, "\"X-Field-%d: value\\n\"\n", i)
			}
			return []byte(b.String())
		}, true},
		{"comment-lines", func(n int) []byte {
			return append(repeated("#. an extracted comment\n", n), "msgid \"a\"\nmsgstr \"b\"\n"...)
		}, true},
		{"references", func(n int) []byte {
			return []byte(po("#:" + strings.Repeat(" \u2068a", n) + "\nmsgid \"a\"\nmsgstr \"b\"\n"))
		}, true},
		{"msgctxt-repeated", func(n int) []byte {
			return append(repeated("msgctxt \"...\"\n", n), "msgid \"a\"\nmsgstr \"b\"\n"...)
		}, false},
		{"msgstr-plural-repeated", func(n int) []byte {
			return []byte(po("msgid \"a\"\nmsgid_plural \"b\"\n" + strings.Repeat("msgstr[0] \"...\"\n", n)))
		}, false},
	}
	for _, c := range cases {
		for _, n := range benchSizes {
			data := c.file(n)
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					_, err := Parse(data)
					if (err == nil) != c.valid {
						b.Fatalf("Parse: error %v, want error %v", err, !c.valid)
					}
				}
			})
		}
	}
}

// BenchmarkWrite measures Write on a msgstr of many words, which it
// wraps over many lines, at 1k, 10k and 100k words.
func BenchmarkWrite(b *testing.B) {
	for _, n := range benchSizes {
		f := &File{Entries: []Entry{{ID: "a", Str: strings.Repeat("сөйлем ", n)}}}
		b.Run(fmt.Sprintf("long-msgstr/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
