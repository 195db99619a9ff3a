package workflow

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpus writes a generated workspace of n articles, each of paras
// paragraphs of three sentences, with the English sources synced and Russian
// translations for every segment.
func corpus(b *testing.B, n, paras int) string {
	b.Helper()
	dir := b.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("tilmash.toml", "languages = [\"en\", \"ru\"]\narticles = \"articles\"\nlocales = \"locales\"\noutput = \"dist\"\n")
	r := rand.New(rand.NewPCG(7, 7))
	words := strings.Fields("the government said on Monday that talks with Ankara would continue next week in Astana while officials in Moscow declined to comment on the report about new trade routes across the Caspian Sea and energy prices")
	sentence := func() string {
		k := 8 + r.IntN(12)
		var w []string
		for range k {
			w = append(w, words[r.IntN(len(words))])
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	for i := range n {
		var sb strings.Builder
		fmt.Fprintf(&sb, "+++\ntitle = \"Report number %d\"\nlang = \"en\"\n+++\n", i)
		for range paras {
			fmt.Fprintf(&sb, "\n%s %s %s\n", sentence(), sentence(), sentence())
		}
		write(fmt.Sprintf("articles/report-%04d.md", i), sb.String())
	}
	ws, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	plan, _, err := ws.Sync(context.Background(), nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := ws.Apply(context.Background(), DiskWriter{}, plan); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkSyncArchive syncs a workspace of 2,000 articles (about 60,000
// segments) in which every tenth article has one edited sentence and one
// inserted paragraph.
func BenchmarkSyncArchive(b *testing.B) {
	dir := corpus(b, 2000, 10)
	for i := 0; i < 2000; i += 10 {
		p := filepath.Join(dir, "articles", fmt.Sprintf("report-%04d.md", i))
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		s := strings.Replace(string(data), " the ", " a ", 1) + "\nA new closing paragraph was added.\n"
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	ws, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, _, err := ws.Sync(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/2000, "ms/article")
}
