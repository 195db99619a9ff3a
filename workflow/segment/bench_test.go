package segment

import (
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/cputime"
)

// readBench reads a test document; with repeat set, it repeats it up to
// about 4 MB.
func readBench(b *testing.B, name string, repeat bool) []byte {
	b.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	if !repeat {
		return data
	}
	var sb strings.Builder
	for sb.Len() < 4<<20 {
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	return []byte(sb.String())
}

// benchSplit measures Split on src.
func benchSplit(b *testing.B, src []byte, opts Options) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	defer cputime.Report(b, len(src))()
	for range b.N {
		if _, err := Split(src, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSplitMarkdown splits 4 MB of the sample article as one document.
func BenchmarkSplitMarkdown(b *testing.B) {
	benchSplit(b, readBench(b, "../../articles/kazakhstan-turkey.md", true), Options{Lang: language.English})
}

// BenchmarkSplitMarkup splits the markup test document, dense with every
// kind of inline and block markup, one article-sized document a call.
func BenchmarkSplitMarkup(b *testing.B) {
	benchSplit(b, readBench(b, "testdata/markup.md", false), Options{Lang: language.English})
}

// BenchmarkSplitArticle splits the sample article, one article a call.
func BenchmarkSplitArticle(b *testing.B) {
	benchSplit(b, readBench(b, "../../articles/kazakhstan-turkey.md", false), Options{Lang: language.English})
}

// BenchmarkSplitPlain splits 4 MB of the sample article as plain text.
func BenchmarkSplitPlain(b *testing.B) {
	benchSplit(b, readBench(b, "../../articles/kazakhstan-turkey.md", true), Options{Lang: language.English, Plain: true})
}

// BenchmarkGoldmarkParse is the floor: goldmark's own parse of the markup
// document, which Split starts with.
func BenchmarkGoldmarkParse(b *testing.B) {
	src := readBench(b, "testdata/markup.md", false)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	defer cputime.Report(b, len(src))()
	for range b.N {
		Markdown().Parser().Parse(text.NewReader(src))
	}
}
