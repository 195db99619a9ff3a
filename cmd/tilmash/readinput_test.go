package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 10, 1<<20 - 1, 1 << 20, 3<<20 + 7} {
		want := bytes.Repeat([]byte("abcdefghi\n"), size/10+1)[:size]
		path := filepath.Join(dir, "in.txt")
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, release, err := readInput(path)
		if err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%d bytes: read %d bytes, not the file", size, len(got))
		}
		release()
	}
	if _, _, err := readInput(filepath.Join(dir, "missing.txt")); !os.IsNotExist(err) {
		t.Errorf("missing file: err = %v", err)
	}
}
