//go:build linux || freebsd || netbsd || openbsd || dragonfly || solaris || aix

package workflow

import (
	"io/fs"
	"syscall"
)

// changeTime returns a file's inode change time (Unix ns), or 0.
func changeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
