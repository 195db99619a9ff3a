package segment

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// constructs builds a document of n repetitions of one construct.
func constructs(kind string, n int) []byte {
	var sb strings.Builder
	for i := range n {
		switch kind {
		case "shortcode":
			fmt.Fprintf(&sb, "Watch {{< youtube id%d >}} and {{< em >}}this one{{< /em >}} now.\n\n{{%% note %%}}\nA note of %d words.\n{{%% /note %%}}\n\n", i, i)
		case "html":
			fmt.Fprintf(&sb, "<div class=\"promo\">Subscribe <b>now</b>! Issue %d is <img src=\"x.png\" alt=\"free\"> free.</div>\n\n", i)
		case "title":
			fmt.Fprintf(&sb, "See [the report](https://x.kz/%d \"Report %d\") and ![a map](m.png \"A map\").\n\n", i, i)
		}
	}
	return []byte(sb.String())
}

// BenchmarkSplitConstructs splits documents of 1k, 10k and 100k
// shortcodes, HTML blocks and link titles: the time per construct stays
// flat as the document grows.
func BenchmarkSplitConstructs(b *testing.B) {
	for _, kind := range []string{"shortcode", "html", "title"} {
		for _, n := range []int{1000, 10000, 100000} {
			src := constructs(kind, n)
			b.Run(fmt.Sprintf("%s-%d", kind, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for range b.N {
					if _, err := Split(src, Options{Lang: language.English}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/construct")
			})
		}
	}
}

// BenchmarkShortcodeScan measures the scanner alone on failed tags, its
// worst case: "{{< a" that never closes, 100k times.
func BenchmarkShortcodeScan(b *testing.B) {
	src := []byte(strings.Repeat("{{< a \"", 100000))
	b.SetBytes(int64(len(src)))
	for range b.N {
		scanShortcodes(src)
	}
}
