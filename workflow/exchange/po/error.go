package po

import (
	"fmt"
	"strings"
)

// Error is a problem in a PO file: found by Parse at a line, or by Write
// in a value (Line 0).
type Error struct {
	Line int    // 1-based line in the input; 0 for Write's errors
	Msg  string // what is wrong and, where it helps, what to do
}

// Error returns the message, prefixed with the line when there is one:
// `line 7: unterminated string: add the closing "`.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// ErrorList is the list of all problems that Parse or Write found, in
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
