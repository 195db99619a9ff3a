package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile writes one file outside any workspace (a translator's pulled
// file, a dashboard) atomically: into a temporary file beside it, synced,
// then renamed over it. The temporary file is removed on failure.
func WriteFile(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("writing %s: %w: check that the folder can be written", name, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tilmash-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w: check that the folder exists and can be written", name, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		_ = os.Remove(tmp) // best effort: it may be gone already
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
