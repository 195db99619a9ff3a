package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/tilmash/tilmash/workflow"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130 // as a shell reports a command stopped by Ctrl-C
)

// env is what a command may use of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// dir is the current directory.
	dir string
	// color is set when stdout is a terminal and NO_COLOR is not set.
	color bool
	// progress is set when stderr is a terminal: long runs may draw a bar.
	progress bool
	now      func() time.Time
	getenv   func(string) string
	writer   workflow.Writer
	// ctx is cancelled by Ctrl-C or SIGTERM.
	ctx context.Context
	// wait is how long to wait for the workspace lock (--wait).
	wait time.Duration
	// command is the command line, named to others waiting for the lock.
	command string
	// quiet (--quiet) leaves out progress and notes on stderr.
	quiet bool
}

// usageError is a mistake in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// silentError fails with exit code 1 after the command has said why.
type silentError struct{}

func (silentError) Error() string { return "" }

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// run runs tilmash with args and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(stderr, "tilmash:", err)
		return exitFailure
	}
	e := &env{
		stdin: stdin, stdout: stdout, stderr: stderr, dir: dir,
		color:    isTerminal(stdout) && os.Getenv("NO_COLOR") == "",
		progress: isTerminal(stderr),
		now:      time.Now,
		getenv:   os.Getenv,
		writer:   workflow.DiskWriter{AfterStep: killAtStep(os.Getenv("TILMASH_KILL_AT_STEP"))},
		wait:     30 * time.Second,
		command:  strings.Join(append([]string{"tilmash"}, args...), " "),
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e.ctx = ctx
	cmd := newRootCmd(e)
	cmd.SetArgs(args)
	cmd.SetIn(stdin)
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	ran, err := cmd.ExecuteContextC(ctx)
	return exitCode(err, ran.CommandPath(), stderr)
}

// killAtStep returns, for TILMASH_KILL_AT_STEP=N, a hook that kills the
// process (as kill -9 does) after the Nth rename or removal of a commit,
// or with N=0 just before its journal is written: the crash tests use it to
// stop a command at every step.
func killAtStep(v string) func(int) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return nil
	}
	return func(done int) {
		if done == n {
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				_ = p.Kill()
			}
		}
	}
}

// exitCode reports err of the command at path and maps it to an exit code.
func exitCode(err error, path string, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	var se silentError
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "tilmash: interrupted; no file was written")
		return exitInterrupted
	case errors.As(err, &se):
		return exitFailure
	case errors.As(err, &ue), strings.HasPrefix(err.Error(), "unknown command"):
		fmt.Fprintf(stderr, "tilmash: %v\nRun '%s --help' for usage.\n", err, path)
		return exitUsage
	}
	fmt.Fprintf(stderr, "tilmash: %v\n", err)
	return exitFailure
}
