package workflow

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// TestOneBundlePerLanguage loads every message file of each language, the
// UI strings among them, into one go-i18n bundle, for a workspace of
// articles that share segment IDs (every title is "title"; two articles
// share a sentence): no ID collides, every message of every file is in the
// bundle under its article's name. (Issue 10.)
func TestOneBundlePerLanguage(t *testing.T) {
	dir := sampleCopy(t)
	for name, text := range map[string]string{
		"articles/floods.md":              "+++\ntitle = \"Floods\"\nlang = \"en\"\n+++\n\nThe river rose. Nobody was hurt.\n",
		"articles/news/2024/05/floods.md": "+++\ntitle = \"Floods again\"\nlang = \"en\"\n+++\n\nThe river rose. Roads were closed.\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
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
	for _, tag := range ws.Langs {
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		want := 0
		root := filepath.Join(dir, "locales", tag.String())
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() && d.Name() == ".tilmash" {
				if err == nil {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".toml") {
				return nil
			}
			mf, err := b.LoadMessageFile(p)
			if err != nil {
				return err
			}
			want += len(mf.Messages)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Count the IDs the bundle holds through a localizer that finds each.
		ids := map[string]bool{}
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") || strings.Contains(p, "/.tilmash/") {
				return nil
			}
			mf, err := i18n.ParseMessageFileBytes(mustRead(t, p), p, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range mf.Messages {
				if ids[m.ID] {
					t.Errorf("%s: message %q is in two files", tag, m.ID)
				}
				ids[m.ID] = true
			}
			return nil
		})
		if len(ids) != want {
			t.Errorf("%s: %d IDs in %d messages: some collide", tag, len(ids), want)
		}
		for _, id := range []string{"floods.title", "news/2024/05/floods.title", "kazakhstan-turkey.title"} {
			if tag == language.English && !ids[id] {
				t.Errorf("%s: no message %q", tag, id)
			}
		}
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
