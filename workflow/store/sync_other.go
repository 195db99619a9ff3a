//go:build !linux

package store

import (
	"os"
	"path"
)

// syncAll makes the named files and their folders durable, one fsync each.
func syncAll(r *os.Root, names []string) error {
	dirs := map[string]bool{".": true}
	for _, n := range names {
		if err := syncFile(r, n); err != nil {
			return err
		}
		dirs[path.Dir(n)] = true
	}
	for d := range dirs {
		if err := syncFile(r, d); err != nil {
			return err
		}
	}
	return nil
}

// syncDir makes a folder's entries durable.
func syncDir(r *os.Root, dir string) error { return syncFile(r, dir) }

func syncFile(r *os.Root, name string) error {
	f, err := r.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !os.IsPermission(err) {
		return err
	}
	return nil
}
