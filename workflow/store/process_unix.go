//go:build unix

package store

import (
	"errors"
	"syscall"
)

// processGone reports whether no process has the PID.
func processGone(pid int) bool {
	err := syscall.Kill(pid, 0)
	return errors.Is(err, syscall.ESRCH)
}
