package workflow

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/check"
)

// TestCheckSample checks that the shipped sample's translations, careful
// human work, pass every check: a finding here means a check is too
// strict.
func TestCheckSample(t *testing.T) {
	ws := openRepo(t)
	findings, err := ws.Check(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("%s", f.Message)
	}
}

// repoFS copies the repository's workspace into memory.
func repoFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, dir := range []string{"articles", "locales"} {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(repoRoot, p)
			m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	m[ConfigFile] = &fstest.MapFile{Data: data}
	return m
}

// edit replaces old with new in a file of m, which must hold old.
func edit(t *testing.T, m fstest.MapFS, name, old, new string) {
	t.Helper()
	s := string(m[name].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	m[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func TestCheckFindings(t *testing.T) {
	m := repoFS(t)
	edit(t, m, "locales/ru/kazakhstan-turkey.ru.toml", "марионетку Москвы (<1/>).", "марионетку Москвы.")
	edit(t, m, "locales/tr/kazakhstan-turkey.tr.toml", "Bu kadarı için bile teşekkürler.", "And for that I thank you.")
	edit(t, m, "locales/kk/ui.kk.toml", "one = \"Оқу уақыты: {{.Count}}\u00a0минут\"\n", "")
	edit(t, m, "locales/kk/ui.kk.toml", "[edition_source]\n", "[edition_sorce]\n")
	ws, err := OpenFS("mem", m)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := ws.Check(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ article, lang, id, check, where string }{
		{"kazakhstan-turkey", "ru", "however-the-events-0da9", check.Placeholders, "locales/ru/kazakhstan-turkey.ru.toml:"},
		{"kazakhstan-turkey", "tr", "and-for-that-f0de", check.Untranslated, "locales/tr/kazakhstan-turkey.tr.toml:"},
		{"ui", "kk", "edition_reading_time", check.Plurals, "locales/kk/ui.kk.toml:"},
		{"ui", "kk", "edition_sorce", "unused", "locales/kk/ui.kk.toml:"},
		{"ui", "kk", "edition_source", "missing", "locales/kk/ui.kk.toml: "},
	}
	if len(findings) != len(want) {
		for _, f := range findings {
			t.Log(f.Message)
		}
		t.Fatalf("%d findings, want %d", len(findings), len(want))
	}
	for i, w := range want {
		f := findings[i]
		if f.Article != w.article || f.Lang != w.lang || f.ID != w.id || f.Check != w.check || !strings.HasPrefix(f.Message, w.where) || !strings.Contains(f.Message, w.id) {
			t.Errorf("finding %d: %+v, want %+v", i, f, w)
		}
	}
	if f := findings[0]; f.Line == 0 || f.Severity != check.Error || !strings.Contains(f.Message, "(source text at articles/kazakhstan-turkey.md:13)") {
		t.Errorf("placeholder finding: %+v", f)
	}

	// The filter narrows it: one language, the UI strings alone.
	only, err := ws.Check(context.Background(), Filter{Articles: []string{UISlug}, Langs: []language.Tag{language.Kazakh}})
	if err != nil {
		t.Fatal(err)
	}
	if len(only) != 3 {
		t.Errorf("ui, kk: %d findings, want 3", len(only))
	}
	only, err = ws.Check(context.Background(), Filter{Articles: []string{"kazakhstan-turkey"}, Langs: []language.Tag{language.Russian}})
	if err != nil {
		t.Fatal(err)
	}
	if len(only) != 1 || only[0].Check != check.Placeholders {
		t.Errorf("kazakhstan-turkey, ru: %+v, want the placeholder finding", only)
	}
}
