package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// Dir is the folder, at the top of a workspace (or an output folder), that
// holds the lock, the journal and the staging area.
const Dir = ".tilmash"

// LockFile is the lock's file name inside Dir.
const LockFile = "lock"

// Mode is how a command holds the lock.
type Mode int

// The lock modes.
const (
	// Shared is for commands that only read: any number at once, none
	// while a writer holds the lock.
	Shared Mode = iota
	// Exclusive is for commands that write: one at a time.
	Exclusive
)

// Holder says who holds a lock, as the holder wrote it in the lock file.
type Holder struct {
	PID     int
	Command string
	Since   time.Time
}

func (h Holder) String() string {
	if h.PID == 0 {
		return "another tilmash command"
	}
	return fmt.Sprintf("%q (process %d, since %s)", h.Command, h.PID, h.Since.Format("15:04:05"))
}

// Lock is a held workspace lock.
type Lock struct {
	fl   *flock.Flock
	mode Mode
}

// LockedError is returned when the lock could not be taken in time.
type LockedError struct {
	Holder Holder
	Wait   time.Duration
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("the workspace is locked by %s; gave up after %s: wait for that command to finish, or retry with a longer --wait", e.Holder, e.Wait)
}

// Acquire takes the lock of the folder root in mode. When another command
// holds it, Acquire calls waiting once with the holder and tries again
// until wait has passed (then it returns a *LockedError) or ctx is done.
// command describes the caller in the lock file (for example "tilmash push
// ru.po"), for others who wait.
func Acquire(ctx context.Context, root string, mode Mode, wait time.Duration, command string, waiting func(Holder)) (*Lock, error) {
	dir := filepath.Join(root, Dir)
	if err := checkDir(root, Dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w: check that the workspace can be written", dir, err)
	}
	fl := flock.New(filepath.Join(dir, LockFile))
	try := fl.TryLock
	if mode == Shared {
		try = fl.TryRLock
	}
	deadline := time.Now().Add(wait)
	told := false
	for {
		ok, err := try()
		if err != nil {
			return nil, fmt.Errorf("locking %s: %w", fl.Path(), err)
		}
		if ok {
			break
		}
		h := readHolder(fl.Path())
		if time.Now().After(deadline) {
			return nil, &LockedError{Holder: h, Wait: wait}
		}
		if !told && waiting != nil {
			waiting(h)
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	l := &Lock{fl: fl, mode: mode}
	if mode == Exclusive {
		// Say who holds it, for those who wait. The lock does not depend on
		// this text: a crash leaves it behind, and it is overwritten.
		text := fmt.Sprintf("pid %d\nsince %s\ncommand %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339), strings.ReplaceAll(command, "\n", " "))
		_ = os.WriteFile(fl.Path(), []byte(text), 0o644) // best effort: only a message depends on it
	}
	return l, nil
}

// Release lets the lock go.
func (l *Lock) Release() error {
	if l == nil || l.fl == nil {
		return nil
	}
	if l.mode == Exclusive {
		_ = os.Truncate(l.fl.Path(), 0) // best effort: the text only names the holder
	}
	err := l.fl.Unlock()
	l.fl = nil
	return err
}

// readHolder reads who holds a lock; a lock held by readers names nobody.
func readHolder(path string) Holder {
	var h Holder
	data, err := os.ReadFile(path)
	if err != nil {
		return h
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "pid":
			h.PID, _ = strconv.Atoi(v) // a damaged line names nobody
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, v)
			h.Since = h.Since.Local()
		case "command":
			h.Command = v
		}
	}
	if h.PID != 0 && processGone(h.PID) {
		return Holder{} // a leftover of a crash: readers hold the lock now
	}
	return h
}

// ErrEscape is the error of a path that leads outside the folder it must
// stay in.
var ErrEscape = errors.New("a symbolic link leads outside the workspace")

// checkDir refuses a name under root that is a symbolic link leading
// outside root.
func checkDir(root, name string) error {
	r, err := os.OpenRoot(root)
	if err != nil {
		return err
	}
	defer r.Close()
	if _, err := r.Stat(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		return PathError(root, name, err)
	}
	return nil
}

// PathError explains an error of os.Root about name: a symbolic link that
// leads outside is named as such.
func PathError(root, name string, err error) error {
	if err != nil && IsEscape(err) {
		return fmt.Errorf("%s: %w (tilmash reads and writes only inside %s): replace the link with the folder or file itself", name, ErrEscape, root)
	}
	return err
}

// IsEscape reports whether err is os.Root refusing a path that leads
// outside its folder, or an absolute symbolic link.
func IsEscape(err error) bool {
	if errors.Is(err, ErrEscape) {
		return true
	}
	// os.Root does not export the error it returns for this.
	return err != nil && strings.Contains(err.Error(), "path escapes from parent")
}
