package xliff

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchSizes are the sizes every benchmark of Read runs at: the cost per
// op must grow linearly with them.
var benchSizes = []int{1_000, 10_000, 100_000}

// benchDoc returns an XLIFF document with one <file> around units.
func benchDoc(units string) []byte {
	return []byte(xlf(units))
}

// manyUnits returns a document of n units, each with notes, original
// data, a paired and a standalone code, and a target.
func manyUnits(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<unit id="p%d.s1">
<notes><note category="context">Before: sentence %d</note></notes>
<originalData><data id="d1">[</data><data id="d2">](https://x.kz/%d)</data><data id="d3">`+"`go`"+`</data></originalData>
<segment state="translated">
<source>Read <pc id="1" dataRefStart="d1" dataRefEnd="d2">the news</pc> and run <ph id="2" dataRef="d3"/>.</source>
<target>Прочтите <pc id="1" dataRefStart="d1" dataRefEnd="d2">новость</pc> и запустите <ph id="2" dataRef="d3"/>.</target>
</segment>
</unit>
`, i, i, i)
	}
	return benchDoc(b.String())
}

// oneTarget returns a document of one unit whose target is n repetitions
// of piece(i), with the source "s".
func oneTarget(n int, piece func(i int) string) []byte {
	var b strings.Builder
	b.WriteString(`<unit id="u"><segment><source>s</source><target>`)
	for i := range n {
		b.WriteString(piece(i))
	}
	b.WriteString("</target></segment></unit>\n")
	return benchDoc(b.String())
}

// oneUnit returns a document of one unit whose source and target are both
// n repetitions of piece(i).
func oneUnit(n int, piece func(i int) string) []byte {
	var b strings.Builder
	b.WriteString(`<unit id="u"><segment><source>`)
	for i := range n {
		b.WriteString(piece(i))
	}
	b.WriteString(`</source><target>`)
	for i := range n {
		b.WriteString(piece(i))
	}
	b.WriteString("</target></segment></unit>\n")
	return benchDoc(b.String())
}

// manySegments returns a document of one unit of n segments, each with a
// source and a target, and an ignorable between them.
func manySegments(n int) []byte {
	var b strings.Builder
	b.WriteString(`<unit id="u">`)
	for i := range n {
		fmt.Fprintf(&b, `<segment><source>s%d.</source><target order="%d">t%d.</target></segment><ignorable><source> </source></ignorable>`, i, 2*i+1, i)
	}
	b.WriteString("</unit>\n")
	return benchDoc(b.String())
}

// unmatchedEnds returns a document whose target opens n codes with <sc>
// and then has n <ec> that close none of them: an error, but one that
// must be found in linear time too.
func unmatchedEnds(n int) []byte {
	var src, trg strings.Builder
	for i := range n {
		fmt.Fprintf(&src, `<sc id="%d"/>`, i)
		fmt.Fprintf(&trg, `<sc id="%d"/>`, i)
	}
	for i := range n {
		fmt.Fprintf(&src, `<ec startRef="%d"/>`, n-1-i)
		fmt.Fprintf(&trg, `<ec startRef="x%d"/>`, i)
	}
	return benchDoc(`<unit id="u"><segment><source>` + src.String() + `</source><target>` + trg.String() + "</target></segment></unit>\n")
}

// BenchmarkRead measures Read on large and hostile inputs: many units, one
// target broken by many comments, processing instructions or CDATA
// sections, many <mrk> and <pc> fragments, many segments, and many
// unmatched <ec>. Each case runs at 1k, 10k and 100k; linear cost means
// ns/op grows tenfold from one size to the next.
func BenchmarkRead(b *testing.B) {
	cases := []struct {
		name  string
		doc   func(n int) []byte
		valid bool
	}{
		{"units", manyUnits, true},
		{"comments", func(n int) []byte {
			return oneTarget(n, func(int) string { return "a<!--x-->" })
		}, true},
		{"instructions", func(n int) []byte {
			return oneTarget(n, func(int) string { return "a<?x y?>" })
		}, true},
		{"cdata", func(n int) []byte {
			return oneTarget(n, func(int) string { return "a<![CDATA[<b>]]>" })
		}, true},
		{"mrk", func(n int) []byte {
			return oneTarget(n, func(i int) string { return fmt.Sprintf(`<mrk id="m%d">a</mrk> `, i) })
		}, true},
		{"pc", func(n int) []byte {
			return oneUnit(n, func(i int) string { return fmt.Sprintf(`<pc id="%d">a</pc> `, i) })
		}, true},
		{"segments", manySegments, true},
		{"unmatched-ec", unmatchedEnds, false},
	}
	for _, c := range cases {
		for _, n := range benchSizes {
			data := c.doc(n)
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					_, err := Read(data)
					if (err == nil) != c.valid {
						b.Fatalf("Read: error %v, want error %v", err, !c.valid)
					}
				}
			})
		}
	}
}

// BenchmarkWrite measures Write on a unit whose source opens n
// placeholders and closes n others: an error, found in linear time.
func BenchmarkWrite(b *testing.B) {
	for _, n := range benchSizes {
		var src strings.Builder
		for i := range n {
			fmt.Fprintf(&src, "<%d>", i)
		}
		for i := range n {
			fmt.Fprintf(&src, "</%d>", n+i)
		}
		d := &Document{SrcLang: "en", Files: []File{{ID: "f", Units: []Unit{{ID: "u", Source: src.String()}}}}}
		b.Run(fmt.Sprintf("unmatched-closes/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, d); err == nil {
					b.Fatal("Write accepted placeholders that close none")
				}
			}
		})
	}
}
