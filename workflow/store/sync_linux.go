package store

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncAll makes every file written under r durable with one syncfs(2) of
// its file system, instead of one fsync per file.
func syncAll(r *os.Root, _ []string) error {
	f, err := r.Open(".")
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// syncDir makes a folder's entries durable.
func syncDir(r *os.Root, dir string) error {
	f, err := r.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
