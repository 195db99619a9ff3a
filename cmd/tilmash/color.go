package main

// ANSI colours, used only when stdout is a terminal and NO_COLOR is unset.
const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// paint wraps s in a colour when the environment allows colour.
func paint(e *env, color, s string) string {
	if !e.color || color == "" {
		return s
	}
	return color + s + reset
}

// ellipsis shortens s to at most n runes.
func ellipsis(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// plural picks the English form for a count: plural(1, "segment",
// "segments").
func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
