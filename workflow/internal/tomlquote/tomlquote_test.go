package tomlquote

import (
	"testing"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

func TestKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"kk-Latn", "kk-Latn"},
		{"para_1", "para_1"},
		{"", `""`},
		{"a.b", `"a.b"`},
		{"Қала", `"Қала"`},
		{`say "hi"`, `"say \"hi\""`},
	} {
		if got := Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// FuzzString checks that go-toml reads back every string String writes.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c", "line\nbreak\ttab\r", "bell\a del\x7f", "İstanbul ı", "Алматы"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var doc struct{ V string }
		if err := toml.Unmarshal([]byte("V = "+String(s)+"\n"), &doc); err != nil {
			t.Fatalf("String(%q) = %s: %v", s, String(s), err)
		}
		if !utf8.ValidString(s) {
			return // invalid UTF-8 cannot round-trip through TOML
		}
		if doc.V != s {
			t.Fatalf("String(%q) reads back as %q", s, doc.V)
		}
		var keyed map[string]int
		if err := toml.Unmarshal([]byte(Key(s)+" = 1\n"), &keyed); err != nil {
			t.Fatalf("Key(%q) = %s: %v", s, Key(s), err)
		}
		if _, ok := keyed[s]; !ok {
			t.Fatalf("Key(%q) reads back as %v", s, keyed)
		}
	})
}
