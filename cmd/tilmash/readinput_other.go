//go:build !unix

package main

import "os"

// readInput reads a whole file; the returned function does nothing.
func readInput(path string) ([]byte, func(), error) {
	data, err := os.ReadFile(path)
	return data, func() {}, err
}
