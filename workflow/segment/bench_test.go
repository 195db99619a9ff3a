package segment

import (
	"os"
	"strings"
	"testing"

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

func BenchmarkSplitMarkup(b *testing.B) {
	src := benchText(b, "testdata/markup.md")
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
