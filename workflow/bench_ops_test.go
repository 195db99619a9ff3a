//go:build unix

package workflow

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/cputime"
	"github.com/tilmash/tilmash/workflow/catalog"
)

// The benchmarks of this file measure the operations other than sync over a
// generated archive (corpus) whose Russian catalogs hold a mix of states:
// about 15% of the segments missing, 10% stale, 15% reviewed and 60%
// translated (a few with problems tilmash check finds), with a translation
// memory of removed segments. Each benchmark reports, per article of the
// archive:
//
//	ms/article      wall time
//	cpu-ms/article  CPU time of the process (user + system, GC included):
//	                on a loaded machine the steadier figure
//	reads/article   files the operation read through the workspace's FS
//
// Run them with
//
//	go test -run XXX -bench 'ArchiveOps|PullMemory' -benchtime 1x -count 2 ./workflow/
//
// BenchmarkArchiveOps runs at 500 and 2,000 articles, so that per-article
// figures that grow with the archive show a superlinear operation.
// BenchmarkPullMemory pulls from an archive written with a newsroom-like
// vocabulary (thousands of words, Zipf-distributed) instead of corpus's 40
// words, every one of which is too common for the translation memory's
// index: there the memory lookups do real work.

// opsSizes are the archive sizes of BenchmarkArchiveOps.
var opsSizes = []int{500, 2000}

// russian spells an English text in Cyrillic letters: a stand-in for a
// translation that shares no word with its source.
var russian = strings.NewReplacer(
	"a", "а", "b", "б", "c", "ц", "d", "д", "e", "е", "f", "ф", "g", "г", "h", "х", "i", "и",
	"j", "й", "k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "q", "к", "r", "р",
	"s", "с", "t", "т", "u", "у", "v", "в", "w", "в", "x", "кс", "y", "ы", "z", "з",
	"A", "А", "B", "Б", "C", "Ц", "D", "Д", "E", "Е", "F", "Ф", "G", "Г", "H", "Х", "I", "И",
	"J", "Й", "K", "К", "L", "Л", "M", "М", "N", "Н", "O", "О", "P", "П", "Q", "К", "R", "Р",
	"S", "С", "T", "Т", "U", "У", "V", "В", "W", "В", "X", "Кс", "Y", "Ы", "Z", "З",
)

// translateArchive writes Russian catalogs and sidecars for a synced
// workspace of English articles, with segments in every state, and a
// Russian translation memory of memory entries.
func translateArchive(b *testing.B, dir string, memory int) {
	b.Helper()
	ws, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	slugs, err := ws.Slugs()
	if err != nil {
		b.Fatal(err)
	}
	write := func(name string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	en, ru := language.English, language.Russian
	r := rand.New(rand.NewPCG(11, 11))
	mem := &catalog.Memory{}
	for _, slug := range slugs {
		src, err := ws.loadCatalog(ws.CatalogPath(slug, en), en)
		if err != nil || src == nil {
			b.Fatalf("%s: no source catalog (%v)", slug, err)
		}
		meta := &catalog.Meta{Segments: map[string]catalog.SegmentMeta{}}
		var msgs []catalog.Message
		for _, m := range src.Messages {
			switch x := r.IntN(100); {
			case x < 15: // missing
			case x < 25: // stale: made from the text before an edit
				prev := strings.Replace(m.Other, " ", " also ", 1)
				msgs = append(msgs, catalog.Message{ID: m.ID, Hash: catalog.Hash("", prev), Other: russian.Replace(prev)})
				meta.Segments[m.ID] = catalog.SegmentMeta{Previous: prev}
			case x < 40: // reviewed
				tr := russian.Replace(m.Other)
				msgs = append(msgs, catalog.Message{ID: m.ID, Hash: catalog.Hash("", m.Other), Other: tr})
				meta.Segments[m.ID] = catalog.SegmentMeta{Review: &catalog.Review{By: "Editor", On: "2024-05-01", Source: catalog.Hash("", m.Other), Translation: catalog.TextHash(tr)}}
			default: // translated, one in twenty with a problem check finds
				tr := russian.Replace(m.Other)
				if x%20 == 0 {
					tr = strings.TrimSuffix(tr, ".") + "  "
				}
				msgs = append(msgs, catalog.Message{ID: m.ID, Hash: catalog.Hash("", m.Other), Other: tr})
			}
			if len(mem.Entries) < memory && r.IntN(50) == 0 {
				old := strings.Replace(m.Other, " ", " formerly ", 1)
				mem.Add(catalog.MemoryEntry{Article: slug, ID: m.ID + "-old", Source: old, Translation: russian.Replace(old)})
			}
		}
		data, err := catalog.Marshal("Russian translations.", msgs)
		if err != nil {
			b.Fatal(err)
		}
		write(ws.CatalogPath(slug, ru), data)
		if data, err = meta.Marshal(); err != nil {
			b.Fatal(err)
		}
		if data != nil {
			write(ws.MetaPath(slug, ru), data)
		}
	}
	data, err := mem.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	if data != nil {
		write(ws.MemoryPath(ru), data)
	}
}

// countFS counts the files read through it.
type countFS struct {
	fsys  fs.FS
	reads atomic.Int64
}

func (c *countFS) Open(name string) (fs.File, error) {
	c.reads.Add(1)
	return c.fsys.Open(name)
}

func (c *countFS) ReadFile(name string) ([]byte, error) {
	c.reads.Add(1)
	return fs.ReadFile(c.fsys, name)
}

func (c *countFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.fsys, name) }

// openCounted opens a workspace whose file reads are counted.
func openCounted(b *testing.B, dir string) (*Workspace, *countFS) {
	b.Helper()
	c := &countFS{fsys: os.DirFS(dir)}
	ws, err := OpenFS(dir, c)
	if err != nil {
		b.Fatal(err)
	}
	return ws, c
}

// measure runs op b.N times and reports wall and CPU time and file reads
// per article of an archive of n articles.
func measure(b *testing.B, n int, c *countFS, op func() error) {
	b.Helper()
	b.ReportAllocs()
	runtime.GC()
	c.reads.Store(0)
	cpu := cputime.Used()
	b.ResetTimer()
	for range b.N {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	per := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/per, "ms/article")
	b.ReportMetric(float64((cputime.Used()-cpu).Microseconds())/1000/per, "cpu-ms/article")
	b.ReportMetric(float64(c.reads.Load())/per, "reads/article")
}

// BenchmarkArchiveOps measures status, pull, the pull formats, push, build,
// check and dashboard over archives of 500 and 2,000 articles of ten
// paragraphs (31 segments each, title included).
func BenchmarkArchiveOps(b *testing.B) {
	for _, n := range opsSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			dir := corpus(b, n, 10)
			translateArchive(b, dir, n/4)
			benchOps(b, dir, n)
		})
	}
}

func benchOps(b *testing.B, dir string, n int) {
	ru := language.Russian
	ws, c := openCounted(b, dir)
	b.Run("Status", func(b *testing.B) {
		var rows []Row
		measure(b, n, c, func() (err error) {
			rows, err = ws.Status(context.Background(), Filter{})
			return err
		})
		if len(rows) != n {
			b.Fatalf("%d rows, want %d", len(rows), n)
		}
	})
	var items []PullItem
	b.Run("Pull", func(b *testing.B) {
		measure(b, n, c, func() (err error) {
			items, err = ws.Pull(context.Background(), PullOptions{Lang: ru})
			return err
		})
		b.ReportMetric(float64(len(items))/float64(n), "items/article")
	})
	if items == nil { // Pull was left out by -bench
		var err error
		if items, err = ws.Pull(context.Background(), PullOptions{Lang: ru}); err != nil || items == nil {
			b.Fatalf("pull gave nothing (%v)", err)
		}
	}
	for _, format := range []string{FormatTOML, FormatXLIFF, FormatPO} {
		b.Run("WritePull/"+format, func(b *testing.B) {
			measure(b, n, c, func() error {
				return ws.WritePull(io.Discard, format, ru, items, time.Time{})
			})
		})
	}
	push := pushFile(b, ws, items)
	b.Run("Push", func(b *testing.B) {
		measure(b, n, c, func() error {
			_, rep, err := ws.Push(context.Background(), "translate.ru.toml", push, PushOptions{By: "Editor", On: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
			if err == nil && rep.Accepted+rep.Stale == 0 {
				err = fmt.Errorf("push took nothing: %+v", rep)
			}
			return err
		})
		b.ReportMetric(float64(len(push))/1024/1024, "MB")
	})
	opts, err := ws.BuildOptions()
	if err != nil {
		b.Fatal(err)
	}
	// A fallback to the source builds every edition, as a newsroom
	// publishing partial translations would.
	opts.Fallback, opts.MinCoverage = "source", 0
	var manifest *Manifest
	build := func() error {
		plan, _, err := ws.Build(context.Background(), opts)
		if err != nil {
			return err
		}
		for _, ch := range plan.Changes {
			if ch.Path == "manifest.json" {
				manifest, err = ParseManifest(ch.Data)
			}
		}
		return err
	}
	b.Run("Build", func(b *testing.B) { measure(b, n, c, build) })
	if manifest == nil { // Build was left out by -bench
		if err := build(); err != nil || manifest == nil {
			b.Fatalf("build wrote no manifest (%v)", err)
		}
	}
	// A second build reads the manifest the first left, as tilmash build does.
	b.Run("Build/again", func(b *testing.B) {
		o := opts
		o.Previous = manifest
		measure(b, n, c, func() error {
			_, _, err := ws.Build(context.Background(), o)
			return err
		})
	})
	b.Run("Check", func(b *testing.B) {
		var fs []Finding
		measure(b, n, c, func() (err error) {
			fs, err = ws.Check(context.Background(), Filter{})
			return err
		})
		b.ReportMetric(float64(len(fs))/float64(n), "findings/article")
	})
	b.Run("Dashboard", func(b *testing.B) {
		var page []byte
		measure(b, n, c, func() (err error) {
			page, err = ws.Dashboard(context.Background(), Filter{})
			return err
		})
		b.ReportMetric(float64(len(page))/1024/1024, "MB")
	})
}

// pushFile is the TOML file a translator sends back for the pulled items:
// every one translated.
func pushFile(b *testing.B, ws *Workspace, items []PullItem) []byte {
	b.Helper()
	var sb strings.Builder
	if err := ws.WritePull(&sb, FormatTOML, language.Russian, items, time.Time{}); err != nil {
		b.Fatal(err)
	}
	f, err := catalog.Parse("translate.ru.toml", []byte(sb.String()))
	if err != nil {
		b.Fatal(err)
	}
	byID := map[string]catalog.Message{}
	for _, m := range f.Messages {
		byID[m.ID] = m
	}
	var msgs []catalog.Message
	for _, it := range items {
		m := byID[it.Article+"."+it.ID]
		m.Other = russian.Replace(m.Other)
		msgs = append(msgs, m)
	}
	data, err := catalog.MarshalInOrder("", msgs)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// vocabCorpus rewrites the articles of corpus with words drawn from a
// vocabulary of size words by Zipf's law, as a newsroom's are, and syncs
// them afresh.
func vocabCorpus(b *testing.B, n, paras, size int) string {
	b.Helper()
	dir := corpus(b, n, paras)
	r := rand.New(rand.NewPCG(3, 3))
	syll := strings.Fields("ka ra to mi se na lo vu de ti ro sa ne pa li mo ku ze ba fi")
	vocab := make([]string, size)
	for i := range vocab {
		// i in base 20, a syllable a digit: every word its own
		w := syll[i%len(syll)]
		for j := i / len(syll); j > 0 || len(w) < 4; j /= len(syll) {
			w = syll[j%len(syll)] + w
		}
		vocab[i] = w
	}
	zipf := rand.NewZipf(rand.New(rand.NewPCG(5, 5)), 1.1, 2, uint64(size-1))
	for i := range n {
		p := filepath.Join(dir, "articles", fmt.Sprintf("report-%04d.md", i))
		var sb strings.Builder
		fmt.Fprintf(&sb, "+++\ntitle = \"Report number %d\"\nlang = \"en\"\n+++\n", i)
		for range paras {
			sb.WriteString("\n")
			for s := range 3 {
				k := 8 + r.IntN(12)
				var w []string
				for range k {
					w = append(w, vocab[zipf.Uint64()])
				}
				t := strings.Join(w, " ")
				if s > 0 {
					sb.WriteString(" ")
				}
				sb.WriteString(strings.ToUpper(t[:1]) + t[1:] + ".")
			}
			sb.WriteString("\n")
		}
		if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "locales")); err != nil {
		b.Fatal(err)
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

// BenchmarkPullMemory pulls Russian from archives of 500 and 2,000
// articles with a newsroom-like vocabulary, where the translation memory
// finds candidates for every pending segment.
func BenchmarkPullMemory(b *testing.B) {
	for _, n := range opsSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			dir := vocabCorpus(b, n, 10, 20000)
			translateArchive(b, dir, n/4)
			ws, c := openCounted(b, dir)
			var items []PullItem
			measure(b, n, c, func() (err error) {
				items, err = ws.Pull(context.Background(), PullOptions{Lang: language.Russian})
				return err
			})
			sugg := 0
			for _, it := range items {
				sugg += len(it.Suggestions)
			}
			b.ReportMetric(float64(len(items))/float64(n), "items/article")
			b.ReportMetric(float64(sugg)/float64(len(items)), "suggestions/item")
		})
	}
}
