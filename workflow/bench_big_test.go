//go:build unix

package workflow

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBigArticle measures status, and sync with nothing changed, on
// one article of about 1 MB and 10 MB (4,300 and 43,000 paragraphs, about
// 13,000 and 130,000 segments) with a Russian translation in every state:
// the cost per megabyte must not grow with the article. (Issue 9: the
// goal is status under 3 s at 10 MB.)
//
//	go test -run XXX -bench BigArticle -benchtime 1x ./workflow/
func BenchmarkBigArticle(b *testing.B) {
	for _, paras := range []int{4300, 43000} {
		dir := corpus(b, 1, paras)
		translateArchive(b, dir, 0)
		info, err := os.Stat(filepath.Join(dir, "articles", "report-0000.md"))
		if err != nil {
			b.Fatal(err)
		}
		mb := float64(info.Size()) / (1 << 20)
		b.Run(fmt.Sprintf("status/%.0fMB", mb), func(b *testing.B) {
			ws, err := Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer ws.Close()
			for b.Loop() {
				if _, err := ws.Status(context.Background(), Filter{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/mb, "ms/MB")
		})
		b.Run(fmt.Sprintf("sync-unchanged/%.0fMB", mb), func(b *testing.B) {
			ws, err := Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer ws.Close()
			for b.Loop() {
				plan, _, err := ws.Sync(context.Background(), nil)
				if err != nil {
					b.Fatal(err)
				}
				if err := ws.Apply(context.Background(), DiskWriter{}, plan); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/mb, "ms/MB")
		})
	}
}
