package xliff

import (
	"fmt"
	"strings"
)

// Error is a problem in an XLIFF document: found by Read at a line, or
// by Write in a value (Line 0).
type Error struct {
	Line int    // 1-based line in the input; 0 for Write's errors
	File string // id of the <file>, when known
	Unit string // id of the <unit>, when known
	Msg  string // what is wrong and, where it helps, what to do
}

// Error returns the message, located by line (or, without a line, by
// file) and unit: `line 12: unit "p1.s2": <pc id="3"> is never closed`.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	} else if e.File != "" {
		fmt.Fprintf(&b, "file %q: ", e.File)
	}
	if e.Unit != "" {
		fmt.Fprintf(&b, "unit %q: ", e.Unit)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is the list of all problems that Read or Write found, in
// input order. Its message has one line per problem.
type ErrorList []*Error

// Error returns the problems' messages, one per line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns the problems, for errors.As and errors.Is.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// err returns l as an error, or nil when it is empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
