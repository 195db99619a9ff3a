package workflow

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// copyTree copies the files under src (a workspace) to dst.
func copyTree(t *testing.T, src, dst string, names ...string) {
	t.Helper()
	for _, n := range names {
		err := filepath.WalkDir(filepath.Join(src, n), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out := filepath.Join(dst, rel)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			return os.WriteFile(out, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// sampleCopy returns a throwaway copy of the repository's workspace.
func sampleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, repoRoot, dir, "tilmash.toml", "articles", "locales")
	return dir
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(s, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func syncDir(t *testing.T, dir string) *Workspace {
	t.Helper()
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	plan, _, err := ws.Sync(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Apply(context.Background(), DiskWriter{}, plan); err != nil {
		t.Fatal(err)
	}
	return ws
}

// TestGoi18nAgrees runs goi18n merge, the reference tool, over tilmash's
// message files after an edit, and checks that the IDs it asks to
// translate are exactly the missing and stale segments tilmash reports.
func TestGoi18nAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("builds goi18n")
	}
	bin := filepath.Join(t.TempDir(), "goi18n")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/nicksnyder/go-i18n/v2/goi18n").CombinedOutput(); err != nil {
		t.Fatalf("building goi18n: %v\n%s", err, out)
	}
	dir := sampleCopy(t)
	art := filepath.Join(dir, "articles", "kazakhstan-turkey.md")
	// one edited sentence (stale), one new sentence (missing)
	editFile(t, art, "And for that I thank you.", "And for that we thank him. A new closing remark follows here.")
	ws := syncDir(t, dir)
	rows, err := ws.Status(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		var want []string
		for _, s := range r.Detail {
			if s.State == Missing || s.State == Stale {
				// go-i18n reads the article's table into the ID
				want = append(want, r.Article+"."+s.ID)
			}
		}
		sort.Strings(want)
		if len(want) != 2 {
			t.Errorf("%s: tilmash reports %v pending, want 2 (the edited sentence, stale, and the new one, missing)", r.Lang, want)
		}
		out := t.TempDir()
		tag := language.Make(r.Lang)
		cmd := exec.Command(bin, "merge", "-sourceLanguage", "en", "-outdir", out,
			filepath.Join(dir, ws.CatalogPath(r.Article, language.English)),
			filepath.Join(dir, ws.CatalogPath(r.Article, tag)))
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("goi18n merge: %v\n%s", err, b)
		}
		data, err := os.ReadFile(filepath.Join(out, "translate."+r.Lang+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Fatal(err)
		}
		var got []string
		for id := range msgs {
			got = append(got, id)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: goi18n asks to translate %v; tilmash reports %v", r.Lang, got, want)
		}
	}
}
