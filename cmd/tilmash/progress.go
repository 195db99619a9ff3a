package main

import (
	"fmt"
	"strings"
)

// progressBar returns a callback that draws a bar on stderr, for long runs
// on a terminal.
func progressBar(e *env) func(done, total int) {
	return func(done, total int) {
		if total < 2 {
			return
		}
		const width = 30
		n := width * done / total
		fmt.Fprintf(e.stderr, "\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
		if done == total {
			fmt.Fprint(e.stderr, "\r\x1b[K")
		}
	}
}
