//go:build unix

package main

import (
	"io"
	"os"
	"syscall"
)

// readInput reads a whole file into memory that is not the garbage
// collector's, mapped and filled in one system call rather than a page
// fault at a time: for a long text that is most of the cost of reading it.
// The returned function gives the memory back; data must not be used
// after it. Where mapping fails it falls back to os.ReadFile.
func readInput(path string) (data []byte, release func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := fi.Size()
	if !fi.Mode().IsRegular() || size < 1<<20 || size > 1<<34 {
		data, err := io.ReadAll(f)
		return data, func() {}, err
	}
	// One byte more than the file, so that a file that grew is noticed.
	mem, err := syscall.Mmap(-1, 0, int(size)+1, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_POPULATE)
	if err != nil {
		data, err := io.ReadAll(f)
		return data, func() {}, err
	}
	release = func() { syscall.Munmap(mem) }
	n, err := io.ReadFull(f, mem)
	switch err {
	case io.ErrUnexpectedEOF, io.EOF:
		return mem[:n], release, nil // the file is as long as it said, or shrank
	case nil:
		// the file grew while it was read: read the rest on the heap
		rest, err := io.ReadAll(f)
		data := append(append(make([]byte, 0, n+len(rest)), mem[:n]...), rest...)
		release()
		return data, func() {}, err
	}
	release()
	return nil, nil, err
}
