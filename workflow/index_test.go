package workflow

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tilmash/tilmash/workflow/catalog"
)

// TestIndexNeverStale changes the files of a workspace in every way an
// editor or a tool does (a new text, the same size, the time set back, a
// file removed) and checks that status from the index says exactly what a
// reading without the index says, and that sync redoes an article whose
// files changed. (Issue 10: an index keyed by stat data, always validated.)
func TestIndexNeverStale(t *testing.T) {
	dir := sampleCopy(t)
	rows := func(fresh bool) string {
		t.Helper()
		if fresh {
			if err := os.Remove(filepath.Join(dir, ".tilmash", "index")); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
		ws, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		r, err := ws.Rows(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(r)
		return string(data)
	}
	ru := filepath.Join(dir, "locales", "ru", "kazakhstan-turkey.ru.toml")
	old, err := os.ReadFile(ru)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(ru)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		change func()
	}{
		{"nothing", func() {}},
		{"a translation made stale", func() {
			s := strings.Replace(string(old), "hash = 'sha1-", "hash = 'sha1-0", 1)
			writeSame(t, ru, s, time.Time{})
		}},
		{"a translation removed", func() {
			s := strings.Replace(string(old), "other = 'Для мусульман", "other_ = 'Для мусульман", 1)
			s = strings.Replace(s, "other_ = ", "# ", 1)
			writeSame(t, ru, s, time.Time{})
		}},
		{"the same size, the time set back", func() {
			// a hash off by one digit makes a translation stale; the file
			// keeps its size, and its old time: only the content tells
			i := strings.Index(string(old), "hash = 'sha1-") + len("hash = 'sha1-")
			s := []byte(string(old))
			if s[i] == '0' {
				s[i] = '1'
			} else {
				s[i] = '0'
			}
			writeSame(t, ru, string(s), info.ModTime())
		}},
		{"the old text again, a new time", func() { writeSame(t, ru, string(old), time.Time{}) }},
		{"the file removed", func() {
			if err := os.Remove(ru); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			writeSame(t, ru, string(old), info.ModTime())
			rows(false) // fill the index
			time.Sleep(10 * time.Millisecond)
			tc.change()
			cached, fresh := rows(false), rows(true)
			if cached != fresh {
				t.Errorf("status from the index:\n%s\nwithout it:\n%s", cached, fresh)
			}
		})
	}
}

// writeSame writes a file; with a time, sets its modification time to it.
func writeSame(t *testing.T, name, text string, mod time.Time) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if !mod.IsZero() {
		if err := os.Chtimes(name, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSyncSkipsOnlyUnchanged syncs, edits one article, and checks that
// the next sync redoes it (and only what changed lands), byte for byte
// what a sync without the index writes.
func TestSyncSkipsOnlyUnchanged(t *testing.T) {
	dir := sampleCopy(t)
	sync := func() []SyncReport {
		t.Helper()
		ws, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		plan, reps, err := ws.Sync(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := ws.Apply(context.Background(), DiskWriter{}, plan); err != nil {
			t.Fatal(err)
		}
		return reps
	}
	sync()
	art := filepath.Join(dir, "articles", "kazakhstan-turkey.md")
	editFile(t, art, "Agreements were reached", "Agreements were signed")
	reps := sync()
	if len(reps) != 1 || reps[0].Edited != 1 {
		t.Fatalf("after an edit, sync reports %+v, want one edited segment", reps)
	}
	en, err := os.ReadFile(filepath.Join(dir, "locales", "en", "kazakhstan-turkey.en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(en), "Agreements were signed") {
		t.Error("the source catalog does not have the edit")
	}
	if reps := sync(); reps[0].Edited != 0 || reps[0].Same != reps[0].Segments {
		t.Errorf("a second sync reports %+v, want nothing to do", reps[0])
	}
}

// TestPushKeepsSync checks that a push, which writes translations and no
// source, leaves sync with nothing to do, and that an article edited by
// someone else meanwhile is not taken for synced.
func TestPushKeepsSync(t *testing.T) {
	dir := sampleCopy(t)
	open := func() *Workspace {
		ws, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		return ws
	}
	syncAll := func() int {
		ws := open()
		defer ws.Close()
		plan, _, err := ws.Sync(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		n := len(ws.synced)
		if err := ws.Apply(context.Background(), DiskWriter{}, plan); err != nil {
			t.Fatal(err)
		}
		return n
	}
	syncAll()
	push := func(text string) {
		ws := open()
		defer ws.Close()
		file := "[kazakhstan-turkey.title]\nhash = '" + hashOfTitle(t, dir) + "'\nother = '" + text + "'\n"
		plan, _, err := ws.Push(context.Background(), "t.ru.toml", []byte(file), PushOptions{By: "T", On: time.Now(), Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := ws.Apply(context.Background(), DiskWriter{}, plan); err != nil {
			t.Fatal(err)
		}
	}
	push("Казахстан и Турция")
	if n := syncAll(); n != 0 {
		t.Errorf("after a push, sync redid %d articles, want none", n)
	}
	// The status counts again what the push changed.
	ws := open()
	rows, err := ws.Rows(context.Background(), Filter{})
	ws.Close()
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows %v, %v", rows, err)
	}
	// An article edited after a push: sync sees it.
	push("Казахстан — Турция")
	editFile(t, filepath.Join(dir, "articles", "kazakhstan-turkey.md"), "Agreements were reached", "Agreements were signed")
	if n := syncAll(); n != 1 {
		t.Errorf("after an article edit, sync redid %d articles, want 1", n)
	}
}

func hashOfTitle(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "locales", "en", "kazakhstan-turkey.en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n\n") {
		if strings.HasPrefix(l, "[kazakhstan-turkey.title]") {
			title := strings.TrimSuffix(strings.TrimPrefix(strings.Split(l, "\n")[1], "other = '"), "'")
			return catalogHash(title)
		}
	}
	t.Fatal("no title")
	return ""
}

func catalogHash(s string) string { return catalog.Hash("", s) }
