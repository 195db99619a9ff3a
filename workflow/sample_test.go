package workflow

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/edition"
	"github.com/tilmash/tilmash/workflow/segment"
)

// repoRoot is the repository root, itself a workspace with the sample.
const repoRoot = ".."

func openRepo(t *testing.T) *Workspace {
	t.Helper()
	ws, err := Open(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// TestLocalesLoadWithGoI18n checks that every message file in the
// repository loads with go-i18n itself.
func TestLocalesLoadWithGoI18n(t *testing.T) {
	n := 0
	err := filepath.WalkDir(filepath.Join(repoRoot, "locales"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".tilmash" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return nil
		}
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		if _, err := b.LoadMessageFile(p); err != nil {
			t.Errorf("go-i18n cannot load %s: %v", p, err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 8 {
		t.Fatalf("found only %d message files under locales/", n)
	}
}

// TestSampleComplete checks that the sample article is fully translated and
// that its catalogs are in sync with it: a sync changes nothing.
func TestSampleComplete(t *testing.T) {
	ws := openRepo(t)
	rows, err := ws.Status(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("got %d status rows, want 3 (ru, kk, tr)", len(rows))
	}
	for _, r := range rows {
		if r.OutOfDate || r.Missing+r.Stale > 0 || r.Translated+r.Reviewed != r.Segments || r.Segments < 25 {
			t.Errorf("%s %s: %+v, want every segment translated", r.Article, r.Lang, r)
		}
	}
	plan, _, err := ws.Sync(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range plan.Changes {
		old, err := os.ReadFile(filepath.Join(repoRoot, c.Path))
		if c.Remove || err != nil || !bytes.Equal(old, c.Data) {
			t.Errorf("sync would change %s: run tilmash sync and commit", c.Path)
		}
	}
}

// TestDefaultUIMatchesLocales keeps the UI strings that init writes equal
// to the workspace's own, but for the footer: init writes a neutral one
// (no newsroom's name, no years) that a newsroom fills in.
func TestDefaultUIMatchesLocales(t *testing.T) {
	ws := openRepo(t)
	footer := regexp.MustCompile(`(?s)\[copyright\]\n.*?\n\n`)
	years := regexp.MustCompile(`other = "[^"]*[0-9]{4}`)
	for _, tag := range ws.Langs {
		want, err := os.ReadFile(filepath.Join(repoRoot, ws.UIPath(tag)))
		if err != nil {
			t.Fatal(err)
		}
		got := edition.DefaultUI(tag)
		if years.Match(footer.Find(got)) || !footer.Match(got) {
			t.Errorf("tilmash's default footer for %s names years, or is not there: init must write a neutral one", tag)
		}
		if got, want := footer.ReplaceAll(got, nil), footer.ReplaceAll(want, nil); !bytes.Equal(got, want) {
			t.Errorf("workflow/edition/ui/ui.%s.toml differs from %s: copy it over", tag, ws.UIPath(tag))
		}
	}
}

// TestSampleSegmentsSensibly cuts every edition of the sample in its own
// language and checks that each segment reads as a whole sentence: it
// starts with a capital letter, a digit or an opening quote, and ends with
// terminal punctuation, so no cut falls inside a URL, an abbreviation or a
// number.
func TestSampleSegmentsSensibly(t *testing.T) {
	ws := openRepo(t)
	opts, err := ws.BuildOptions()
	if err != nil {
		t.Fatal(err)
	}
	plan, _, err := ws.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range plan.Changes {
		if !strings.HasSuffix(c.Path, ".md") {
			continue
		}
		n++
		tag := language.Make(strings.Split(c.Path, "/")[0])
		body := c.Data[bytes.Index(c.Data[3:], []byte("+++\n"))+7:]
		doc, err := segment.Split(body, segment.Options{Lang: tag})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Segments) < 25 {
			t.Errorf("%s: only %d segments", c.Path, len(doc.Segments))
		}
		for _, s := range doc.Segments {
			first, _ := utf8.DecodeRuneInString(s.Text)
			last, _ := utf8.DecodeLastRuneInString(s.Text)
			if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !strings.ContainsRune("«“\"(", first) {
				t.Errorf("%s: segment starts oddly: %q", c.Path, s.Text)
			}
			if !strings.ContainsRune(".?!…»”)", last) {
				t.Errorf("%s: segment ends oddly: %q", c.Path, s.Text)
			}
		}
	}
	if n != 4 {
		t.Fatalf("built %d Markdown editions, want 4", n)
	}
}
