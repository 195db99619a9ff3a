package workflow

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildIncrementalIdentical builds, edits the article and a
// translation, and builds again: the second build keeps what did not
// change and writes byte for byte what a full build writes. (Issue 10.)
func TestBuildIncrementalIdentical(t *testing.T) {
	dir := sampleCopy(t)
	out := filepath.Join(dir, "dist")
	build := func(dir, out string) (assembled int) {
		t.Helper()
		ws, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		opts, err := ws.BuildOptions()
		if err != nil {
			t.Fatal(err)
		}
		opts.Output = out
		if opts.Previous, err = readPrevious(out); err != nil {
			t.Fatal(err)
		}
		plan, _, err := ws.Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := (DiskWriter{}).Apply(context.Background(), out, plan.Changes); err != nil {
			t.Fatal(err)
		}
		assembled = len(ws.built)
		ws.Built()
		return assembled
	}
	syncIn := func(dir string) {
		t.Helper()
		ws, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		plan, _, err := ws.Sync(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := ws.Apply(context.Background(), DiskWriter{}, plan); err != nil {
			t.Fatal(err)
		}
	}
	build(dir, out)
	before := readDir(t, out)
	// Nothing changed: nothing assembled, nothing written.
	if n := build(dir, out); n != 0 {
		t.Errorf("a build with nothing changed assembled %d articles", n)
	}
	if got := readDir(t, out); !sameFiles(got, before) {
		t.Fatal("a build with nothing changed changed the output")
	}
	// A translation edited, a UI string edited: their editions change.
	editFile(t, filepath.Join(dir, "locales", "ru", "kazakhstan-turkey.ru.toml"), "Для мусульман", "Для верующих")
	editFile(t, filepath.Join(dir, "locales", "kk", "ui.kk.toml"), "Барлық құқықтар қорғалған", "Құқықтар қорғалған")
	syncIn(dir)
	if n := build(dir, out); n != 1 {
		t.Errorf("after the edits the build assembled %d articles, want 1", n)
	}
	incremental := readDir(t, out)
	full := filepath.Join(t.TempDir(), "dist")
	build(dir, full)
	if !sameFiles(incremental, readDir(t, full)) {
		t.Error("the incremental build differs from a full build")
	}
	if sameFiles(incremental, before) {
		t.Error("the edits changed nothing: the test tests nothing")
	}
}

func readPrevious(out string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseManifest(data)
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
