package po

import (
	"reflect"
	"strings"
	"testing"
)

// scanRefs is splitRefs as a plain scan from left to right, which takes
// quadratic time on some lines: the definition splitRefs must agree with.
func scanRefs(s string) []string {
	var refs []string
	for {
		s = strings.TrimLeft(s, " \t\r")
		if s == "" {
			return refs
		}
		end := scanRefEnd(s)
		refs = append(refs, s[:end])
		s = s[end:]
	}
}

// scanRefEnd returns the length of the reference at the start of s.
func scanRefEnd(s string) int {
	quoted, isolated := false, false
	for i, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '\u2068':
			isolated = true
		case r == '\u2069':
			isolated = false
		case (r == ' ' || r == '\t' || r == '\r') && !quoted && !isolated:
			return i
		}
	}
	if quoted || isolated {
		if i := strings.IndexAny(s, " \t\r"); i >= 0 {
			return i
		}
	}
	return len(s)
}

var splitRefsTests = []struct {
	in   string
	want []string
}{
	{"", nil},
	{" \t\r", nil},
	{" a.go:1  b.go:2\t", []string{"a.go:1", "b.go:2"}},
	{`"my file.go":3 x.go:4`, []string{`"my file.go":3`, "x.go:4"}},
	{"\u2068my file.go\u2069:3 \u2068a b\u2069:4", []string{"\u2068my file.go\u2069:3", "\u2068a b\u2069:4"}},
	{`"open a.go:1 b.go:2`, []string{`"open`, "a.go:1", "b.go:2"}},
	{"\u2068open a.go:1", []string{"\u2068open", "a.go:1"}},
	{"\u2068a \u2068b \u2068c", []string{"\u2068a", "\u2068b", "\u2068c"}},
	{`"a "b c" d`, []string{`"a "b`, `c"`, "d"}},
	{"\u2068\"a\u2069 b\" c", []string{"\u2068\"a\u2069 b\"", "c"}},
	{"a\xff b \xe2\x80 \"c d", []string{"a\xff", "b", "\xe2\x80", "\"c", "d"}},
}

func TestSplitRefs(t *testing.T) {
	for _, tt := range splitRefsTests {
		if got := splitRefs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitRefs(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := scanRefs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("scanRefs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzSplitRefs checks that splitRefs, which reads a line once, splits it
// as the plain scan from left to right does.
func FuzzSplitRefs(f *testing.F) {
	for _, tt := range splitRefsTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := splitRefs(s), scanRefs(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("splitRefs(%q) = %q, want %q", s, got, want)
		}
	})
}
