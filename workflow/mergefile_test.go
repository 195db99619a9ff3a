package workflow

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
)

func TestMergeFileKinds(t *testing.T) {
	ws := t.TempDir()
	writeTestFile(t, filepath.Join(ws, "site", ConfigFile), "languages = [\"en\", \"kk\"]\narticles = \"content\"\nlocales = \"i18n\"\noutput = \"dist\"\n")
	tests := []struct {
		dir, path     string
		kind, article string
		err           string
	}{
		{ws, "site/i18n/kk/news/floods.kk.toml", KindMessages, "news/floods", ""},
		{ws, "site/i18n/kk/ui.kk.toml", KindUI, "", ""},
		{ws, "site/i18n/kk/news/ui.kk.toml", KindMessages, "news/ui", ""},
		{ws, "site/i18n/kk/.tilmash/news/floods.kk.toml", KindSidecar, "news/floods", ""},
		{ws, "site/i18n/kk/.tilmash/memory.kk.toml", KindMemory, "", ""},
		{ws, "site/i18n/kk/.tilmash/news/memory.kk.toml", KindSidecar, "news/memory", ""},
		{ws, "site/locales/kk/a.kk.toml", "", "", "not in the locales folder i18n/kk"},
		{ws, "site/i18n/kk/a.ru.toml", "", "", "not in the locales folder"},
		{ws, "site/i18n/kk/a.toml", "", "", "named <name>.<language>.toml"},
		{ws, "site/i18n/kk/.tilmash/x/.kk.toml", "", "", "not a message file, sidecar"},
		{ws, "site/i18n/kk/.tilmash/notes.txt.toml", "", "", "not in the locales folder i18n/txt"},
		// no workspace: the first folder named after the language
		{t.TempDir(), "locales/kk/a.kk.toml", KindMessages, "a", ""},
		{t.TempDir(), "locales/kk/.tilmash/a.kk.toml", KindSidecar, "a", ""},
		{t.TempDir(), "kk.toml", "", "", "named <name>.<language>.toml"},
		{t.TempDir(), "locales/a.kk.toml", "", "", "not in a folder kk/"},
	}
	for _, tt := range tests {
		res, err := classify(tt.dir, tt.path)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("%s: err = %v, want one naming the file and saying %q", tt.path, err, tt.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tt.path, err)
		case res.Kind != tt.kind || res.Article != tt.article || res.Lang != "kk":
			t.Errorf("%s: %s of %q in %s, want %s of %q in kk", tt.path, res.Kind, res.Article, res.Lang, tt.kind, tt.article)
		}
	}
}

func TestMergeFile(t *testing.T) {
	dir := t.TempDir()
	file := func(name string, pairs ...string) string {
		var msgs []catalog.Message
		for i := 0; i < len(pairs); i += 2 {
			msgs = append(msgs, catalog.Message{ID: pairs[i], Hash: catalog.Hash("", "S"), Other: pairs[i+1]})
		}
		data, err := catalog.MarshalNested("Kazakh translations", "a", msgs)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		writeTestFile(t, p, string(data))
		return p
	}
	opts := MergeFileOptions{
		Base: file("base", "title", "T"), Ours: file("ours", "title", "ours", "p1", "P1"), Theirs: file("theirs", "title", "theirs", "p2", "P2"),
		Path: "locales/kk/a.kk.toml", Dir: dir,
	}
	res, err := MergeFile(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0].ID != "title" || res.Kind != KindMessages || res.Article != "a" {
		t.Errorf("result %+v, want a conflict in title of the message file of a", res)
	}
	got, err := os.ReadFile(opts.Ours)
	if err != nil {
		t.Fatal(err)
	}
	if want := file("want", "title", "ours", "p1", "P1", "p2", "P2"); string(got) != readTestFile(t, want) {
		t.Errorf("merged:\n%s\nwant:\n%s", got, readTestFile(t, want))
	}

	// an unreadable side: a MergeError naming the file, ours left alone
	writeTestFile(t, opts.Theirs, "[a.title\nother = 'x'\n")
	before := readTestFile(t, opts.Ours)
	_, err = MergeFile(context.Background(), opts)
	if !IsMergeError(err) || !strings.Contains(err.Error(), "locales/kk/a.kk.toml:1:") || !strings.Contains(err.Error(), "theirs") {
		t.Errorf("err = %v, want a MergeError naming locales/kk/a.kk.toml:1 and theirs", err)
	}
	if readTestFile(t, opts.Ours) != before {
		t.Error("ours was written after an error")
	}
}

func readTestFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// conflictWorkspace returns a workspace whose title in kk is in conflict
// after a merge: "ours" current, "theirs" the open conflict.
func conflictWorkspace(t *testing.T) (string, *Workspace) {
	t.Helper()
	dir := syncedWorkspace(t, map[string]string{
		ConfigFile:      configFor("en", "kk"),
		"articles/a.md": "+++\ntitle = \"Almaty\"\nlang = \"en\"\n+++\n\nThe city lies in the mountains.\n",
	})
	writeTranslations(t, dir, "a", "kk", func(id, source string) string { return "ours: " + source })
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	theirs := catalog.Version{Text: "theirs: Almaty", Source: "Almaty", By: "Bek", On: "2026-01-02T00:00:00Z", Via: "push"}
	meta := &catalog.Meta{Segments: map[string]catalog.SegmentMeta{"title": {
		History:  []catalog.Version{theirs, {Text: "ours: Almaty", Source: "Almaty", By: "Aida", On: "2026-01-01T00:00:00Z", Via: "push"}},
		Conflict: &theirs,
	}}}
	data, err := meta.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, filepath.FromSlash(ws.MetaPath("a", language.Make("kk")))), string(data))
	return dir, ws
}

func TestResolve(t *testing.T) {
	kk := language.Make("kk")
	for _, take := range []string{TakeOurs, TakeTheirs} {
		t.Run(take, func(t *testing.T) {
			ctx := context.Background()
			_, ws := conflictWorkspace(t)
			rows, err := ws.Status(ctx, Filter{})
			if err != nil || len(rows) != 1 || rows[0].Conflicts != 1 {
				t.Fatalf("before: rows %+v, %v; want one conflict", rows, err)
			}
			plan, rep, err := ws.Resolve(ctx, ResolveOptions{Article: "a", Lang: kk, ID: "title", Take: take, By: "Editor", On: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if err := ws.Apply(ctx, DiskWriter{}, plan); err != nil {
				t.Fatal(err)
			}
			want, other := "ours: Almaty", "theirs: Almaty"
			if take == TakeTheirs {
				want, other = other, want
			}
			if rep.Current != want || rep.Other != other {
				t.Errorf("report %+v, want %q current and %q set aside", rep, want, other)
			}
			rows, err = ws.Status(ctx, Filter{})
			if err != nil || rows[0].Conflicts != 0 || rows[0].Translated != 2 {
				t.Fatalf("after: rows %+v, %v; want no conflict, all translated", rows, err)
			}
			logs, err := ws.Log(ctx, LogOptions{Segment: "title"})
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, v := range logs[0].Versions {
				if v.Current && v.Text != want {
					t.Errorf("current version %q, want %q", v.Text, want)
				}
				texts = append(texts, v.Text)
			}
			if last := logs[0].Versions[len(logs[0].Versions)-1]; !last.Current {
				t.Errorf("the current translation is not the latest version: %v", logs[0].Versions)
			}
			if !strings.Contains(strings.Join(texts, "|"), other) {
				t.Errorf("log %q lost %q", texts, other)
			}
			mem, err := ws.readFile(ws.MemoryPath(kk))
			if err != nil || !strings.Contains(string(mem), other) {
				t.Errorf("memory %q, %v: want %q in it", mem, err, other)
			}
			if _, _, err := ws.Resolve(ctx, ResolveOptions{Article: "a", Lang: kk, ID: "title", Take: take}); err == nil || !strings.Contains(err.Error(), "no open conflict") {
				t.Errorf("resolving again: %v, want no open conflict", err)
			}
		})
	}
}

func TestMergeDriverMissing(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	ctx := context.Background()
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	writeTestFile(t, filepath.Join(dir, ConfigFile), configFor("en", "kk"))
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	missing := func(want bool) {
		t.Helper()
		got, err := ws.GitDriverMissing(ctx)
		if err != nil || got != want {
			t.Fatalf("GitDriverMissing = %v, %v; want %v", got, err, want)
		}
	}
	writeTestFile(t, filepath.Join(dir, GitAttributes), "locales/**/*.toml merge=tilmash\n")
	missing(false) // not a repository
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	missing(true)
	if _, err := ws.ConfigureGitDriver(ctx); err != nil {
		t.Fatal(err)
	}
	missing(false)
	writeTestFile(t, filepath.Join(dir, GitAttributes), "# merge=tilmash\n*.md text\n")
	if out, err := exec.Command("git", "-C", dir, "config", "--unset", "merge.tilmash.driver").CombinedOutput(); err != nil {
		t.Fatalf("git config: %v\n%s", err, out)
	}
	missing(false) // .gitattributes does not name the driver
}
