package segment

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/cputime"
	"github.com/tilmash/tilmash/workflow/segment/sentence"
)

// denseSentences are English news sentences dense with abbreviations,
// initials, numbers and inline lists.
var denseSentences = []string{
	"Mr. J. R. Smith of Acme Inc. met Dr. Jones at 9 a.m. on Jan. 5 in Washington, D.C. to discuss the U.S. budget.",
	"The report (see p. 12, fig. 3 and No. 7) cost approx. $4.5 mln., i.e. more than e.g. last year's.",
	"Prof. Brown, Ph.D., said the U.N. Security Council met at 6 P.M. Mr. Lee then left for the U.K. office.",
	"Sales rose 3.5% vs. 2.1% in Q3, etc. The CEO, Sr. VP and Gen. Counsel of XYZ Corp. agreed.",
	"The plan has three steps: 1) cut costs 2) raise prices and 3) hire staff. Details are at example.com/a.b.",
	"Rev. Green and Capt. White arrived on Sept. 3 at St. Paul's; Lt. Col. Black joined them at 10:30 a.m. sharp.",
	"\"Is it over? Nobody knows!\" Sen. Warren asked. The vote is set for Nov. 8 at 2 p.m. EST.",
	"He paid Rs. 3520 for vol. 2 of the ed. by A. B. Carter, cf. ch. 4, art. 5 and sec. 6.",
}

// denseText builds about size bytes of dense English text: paragraphs of
// five sentences separated by blank lines.
func denseText(size int) []byte { return denseParagraphs(size, "") }

// denseParagraphs builds about size bytes of paragraphs of five dense
// sentences, and the sentence more at the end of every other one.
func denseParagraphs(size int, more string) []byte {
	var b strings.Builder
	b.Grow(size + 512)
	for i := 0; b.Len() < size; i++ {
		for j := range 5 {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(denseSentences[(i*5+j*3)%len(denseSentences)])
		}
		if i%2 == 1 && more != "" {
			b.WriteString(" " + more)
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

// denseSize is the size of the dense benchmark text: 5 MB.
const denseSize = 5 << 20

// BenchmarkDenseSentences is the sentence splitter alone on the dense text,
// one paragraph a call, as Split calls it.
func BenchmarkDenseSentences(b *testing.B) {
	src := denseText(denseSize)
	paras := strings.Split(string(src), "\n\n")
	s := sentence.New(language.English)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	defer cputime.Report(b, len(src))()
	for b.Loop() {
		for _, p := range paras {
			s.Split(p)
		}
	}
}

// BenchmarkDensePlain is Split on the dense text as plain text.
func BenchmarkDensePlain(b *testing.B) {
	benchSplit(b, denseText(denseSize), Options{Lang: language.English, Plain: true})
}

// BenchmarkDenseMarkdown is Split on the dense text as Markdown.
func BenchmarkDenseMarkdown(b *testing.B) {
	benchSplit(b, denseText(denseSize), Options{Lang: language.English})
}

// BenchmarkDeepNesting splits inputs nested 10,000 levels deep, each way
// Markdown nests; every one is refused or read in time linear in its size.
func BenchmarkDeepNesting(b *testing.B) {
	for name, src := range deepInputs(10000) {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				_, _ = Split([]byte(src), Options{Lang: language.English}) // refused: the error is the point
			}
		})
	}
}

// BenchmarkControlCheck measures the scan for control characters on the
// dense text, which Split makes before anything else.
func BenchmarkControlCheck(b *testing.B) {
	src := denseText(denseSize)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if off, _ := controlChar(src); off >= 0 {
			b.Fatal("control character in the dense text")
		}
	}
}

// denseMarkup is denseText with inline Markdown in every other paragraph:
// emphasis, a link with a title and inline code, as news copy has them.
func denseMarkup(size int) []byte {
	return denseParagraphs(size, "See *the* [full report](https://example.com/r/1.html \"The report\") and `v2.1`.")
}

// benchStream is Stream over src, as tilmash segment runs it.
func benchStream(b *testing.B, src []byte, opts Options) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	defer cputime.Report(b, len(src))()
	for b.Loop() {
		n := 0
		if err := Stream(src, opts, func(segs []Segment, _ []Warning) error {
			n += len(segs)
			return nil
		}); err != nil || n == 0 {
			b.Fatal(err, n)
		}
	}
}

// BenchmarkStreamDensePlain is Stream on the dense text as plain text.
func BenchmarkStreamDensePlain(b *testing.B) {
	benchStream(b, denseText(denseSize), Options{Lang: language.English, Plain: true})
}

// BenchmarkStreamDenseMarkdown is Stream on the dense text as Markdown:
// paragraphs of words alone, read without goldmark.
func BenchmarkStreamDenseMarkdown(b *testing.B) {
	benchStream(b, denseText(denseSize), Options{Lang: language.English})
}

// BenchmarkStreamDenseMarkup is Stream on dense Markdown with inline markup
// in every other paragraph, which goldmark reads.
func BenchmarkStreamDenseMarkup(b *testing.B) {
	benchStream(b, denseMarkup(denseSize), Options{Lang: language.English})
}

// BenchmarkDenseMarkup is Split on the same text.
func BenchmarkDenseMarkup(b *testing.B) {
	benchSplit(b, denseMarkup(denseSize), Options{Lang: language.English})
}
