package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCommitWritesAndRemoves(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "old.txt"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Commit(context.Background(), root, []Change{
		{Path: "a/b.txt", Data: []byte("b")},
		{Path: "c.txt", Data: []byte("c")},
		{Path: "old.txt", Remove: true},
		{Path: "never.txt", Remove: true},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := readTree(t, root)
	want := map[string]string{"a/b.txt": "b", "c.txt": "c"}
	if len(got) != len(want) || got["a/b.txt"] != "b" || got["c.txt"] != "c" {
		t.Errorf("tree = %v, want %v (no journal, no staging left)", got, want)
	}
}

// TestRecoverAtEveryStep kills a commit (by panicking out of the hook, as a
// crash stops it) after every step, then recovers: the files are all new.
func TestRecoverAtEveryStep(t *testing.T) {
	changes := []Change{
		{Path: "x/1.toml", Data: []byte("new 1")},
		{Path: "x/2.toml", Data: []byte("new 2")},
		{Path: "y/3.toml", Data: []byte("new 3")},
		{Path: "gone.toml", Remove: true},
	}
	for step := 1; step <= len(changes); step++ {
		root := t.TempDir()
		for _, p := range []string{"x/1.toml", "x/2.toml", "y/3.toml", "gone.toml"} {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, p), []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		crash := errors.New("crash")
		func() {
			defer func() {
				if r := recover(); r != nil && r != crash {
					panic(r)
				}
			}()
			_ = Commit(context.Background(), root, changes, Options{AfterStep: func(n int) {
				if n == step {
					panic(crash)
				}
			}})
		}()
		if !Pending(root) && step < len(changes) {
			t.Fatalf("step %d: no journal left to recover", step)
		}
		if _, err := Recover(root); err != nil {
			t.Fatalf("step %d: recover: %v", step, err)
		}
		got := readTree(t, root)
		want := map[string]string{"x/1.toml": "new 1", "x/2.toml": "new 2", "y/3.toml": "new 3"}
		if len(got) != len(want) {
			t.Errorf("step %d: tree = %v, want %v", step, got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("step %d: %s = %q, want %q", step, k, got[k], v)
			}
		}
	}
}

func TestCommitCancelledChangesNothing(t *testing.T) {
	root := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Commit(ctx, root, []Change{{Path: "a.txt", Data: []byte("a")}}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := readTree(t, root); len(got) != 0 {
		t.Errorf("tree = %v, want empty", got)
	}
}

func TestCommitRefusesSymlinkOutside(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "dist")); err != nil {
		t.Fatal(err)
	}
	err := Commit(context.Background(), root, []Change{{Path: "dist/x.md", Data: []byte("x")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("err = %v, want a symbolic link refusal", err)
	}
	if got := readTree(t, outside); len(got) != 0 {
		t.Errorf("outside = %v, want nothing written", got)
	}
}

func TestRecoverDropsUncommittedStaging(t *testing.T) {
	root := t.TempDir()
	st := filepath.Join(root, Dir, stagingName)
	if err := os.MkdirAll(st, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(st, "0"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	if done, err := Recover(root); err != nil || done {
		t.Fatalf("Recover = %v, %v; want false, nil", done, err)
	}
	if _, err := os.Stat(st); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("staging folder still there: %v", err)
	}
}

func TestLockExclusiveWaitsAndNamesHolder(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	first, err := Acquire(ctx, root, Exclusive, time.Second, "tilmash sync", nil)
	if err != nil {
		t.Fatal(err)
	}
	var told []Holder
	_, err = Acquire(ctx, root, Shared, 200*time.Millisecond, "tilmash status", func(h Holder) { told = append(told, h) })
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want *LockedError", err)
	}
	if len(told) != 1 || told[0].Command != "tilmash sync" || !strings.Contains(err.Error(), "tilmash sync") {
		t.Errorf("told %v, err %v: want the holder named once", told, err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	second, err := Acquire(ctx, root, Exclusive, time.Second, "tilmash push", nil)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	_ = second.Release()
}

func TestLockSharedTogether(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	a, err := Acquire(ctx, root, Shared, time.Second, "a", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Acquire(ctx, root, Shared, 100*time.Millisecond, "b", nil)
	if err != nil {
		t.Fatalf("two readers: %v", err)
	}
	_, err = Acquire(ctx, root, Exclusive, 100*time.Millisecond, "w", nil)
	if err == nil {
		t.Fatal("a writer got the lock beside readers")
	}
	_ = a.Release()
	_ = b.Release()
}

func FuzzParseJournal(f *testing.F) {
	f.Add(marshalJournal([]entry{{path: "a/b.toml", staged: "0"}, {path: "c", remove: true}}))
	f.Add([]byte(journalHeader + "\nend 0\n"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		todo, err := parseJournal(data)
		if err != nil {
			return
		}
		again, err := parseJournal(marshalJournal(todo))
		if err != nil || len(again) != len(todo) {
			t.Fatalf("round trip: %v, %d vs %d entries", err, len(again), len(todo))
		}
		for i := range todo {
			if todo[i].path != again[i].path || todo[i].remove != again[i].remove || todo[i].staged != again[i].staged {
				t.Fatalf("entry %d: %+v vs %+v", i, todo[i], again[i])
			}
			if strings.HasPrefix(todo[i].path, Dir) && (todo[i].path == Dir || strings.HasPrefix(todo[i].path, Dir+"/")) {
				t.Fatalf("journal may touch its own folder: %q", todo[i].path)
			}
		}
	})
}
