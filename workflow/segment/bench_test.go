package segment

import (
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
	"golang.org/x/text/language"
)

// benchText repeats the test documents up to about 4 MB.
func benchText(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for sb.Len() < 4<<20 {
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	return []byte(sb.String())
}

func BenchmarkSplitMarkdown(b *testing.B) {
	src := benchText(b, "../../articles/kazakhstan-turkey.md")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for range b.N {
		if _, err := Split(src, Options{Lang: language.English}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSplitMarkup splits the markup test document, dense with
// every kind of inline and block markup, one article-sized document a call.
func BenchmarkSplitMarkup(b *testing.B) {
	src, err := os.ReadFile("testdata/markup.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for range b.N {
		if _, err := Split(src, Options{Lang: language.English}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSplitArticle splits the sample article, one article a call.
func BenchmarkSplitArticle(b *testing.B) {
	src, err := os.ReadFile("../../articles/kazakhstan-turkey.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for range b.N {
		if _, err := Split(src, Options{Lang: language.English}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplitPlain(b *testing.B) {
	src := benchText(b, "../../articles/kazakhstan-turkey.md")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for range b.N {
		if _, err := Split(src, Options{Lang: language.English, Plain: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoldmarkParse is the floor: goldmark's own parse of the markup
// document, which Split starts with.
func BenchmarkGoldmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/markup.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for range b.N {
		Markdown().Parser().Parse(text.NewReader(src))
	}
}
