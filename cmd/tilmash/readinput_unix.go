//go:build unix

package main

import (
	"io"
	"os"
	"sync"
	"syscall"
)

// readInput reads a whole file into memory that is not the garbage
// collector's, mapped and filled in one system call rather than a page
// fault at a time, and read on two threads: for a long text that is most
// of the cost of reading it. The returned function gives the memory back;
// data must not be used after it. Where mapping fails, or the file
// changes size while it is read, it falls back to os.ReadFile.
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
		data, err := os.ReadFile(path)
		return data, func() {}, err
	}
	release = func() { syscall.Munmap(mem) }
	half := size / 2
	var wg sync.WaitGroup
	var n1, n2 int
	var err1, err2 error
	wg.Add(1)
	go func() {
		defer wg.Done()
		n1, err1 = f.ReadAt(mem[:half], 0)
	}()
	n2, err2 = f.ReadAt(mem[half:], half)
	wg.Wait()
	if err1 != nil || int64(n1) != half || err2 != io.EOF || int64(n2) != size-half {
		// a read failed, or the file is not as long as it was
		release()
		if err1 != nil && err1 != io.EOF {
			return nil, nil, err1
		}
		if err2 != nil && err2 != io.EOF {
			return nil, nil, err2
		}
		data, err := os.ReadFile(path)
		return data, func() {}, err
	}
	return mem[:size], release, nil
}
