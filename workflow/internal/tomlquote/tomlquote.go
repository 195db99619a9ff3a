// Package tomlquote writes TOML keys and basic strings for the files
// tilmash writes line by line (message tables, front matter, glossary
// entries), where the layout is tilmash's own and a marshaller's would not
// do.
package tomlquote

import (
	"fmt"
	"strings"
)

// Key writes k bare when TOML allows it (ASCII letters, digits, "-" and
// "_"), else as a quoted key.
func Key(k string) string {
	if k == "" {
		return `""`
	}
	for _, c := range []byte(k) {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return String(k)
		}
	}
	return k
}

// String writes s as a TOML basic string: quote and backslash escaped,
// newline, tab and carriage return by their short escapes, every other
// control character as \uXXXX.
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
