package article

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, data, err string
		title, body     string
	}{
		{"ok", "+++\ntitle = \"T\"\nlang = \"kk\"\ndate = 2022-05-16\n+++\n\nBody.\n", "", "T", "\nBody.\n"},
		{"bom and CRLF", "\ufeff+++\r\ntitle = \"T\"\r\nlang = \"tr\"\r\n+++\r\nBody.\r\n", "", "T", "Body.\r\n"},
		{"no front matter", "Body.\n", "a.md:1: no front matter", "", ""},
		{"unclosed", "+++\ntitle = \"T\"\n", "a.md:1: front matter is never closed", "", ""},
		{"no title", "+++\nlang = \"en\"\n+++\n", "no title", "", ""},
		{"no lang", "+++\ntitle = \"T\"\n+++\n", "no lang", "", ""},
		{"bad lang", "+++\ntitle = \"T\"\nlang = \"e!\"\n+++\n", `a.md:3: invalid language tag "e!"`, "", ""},
		{"unknown key", "+++\ntitle = \"T\"\nlang = \"en\"\nauthr = \"x\"\n+++\n", `a.md:4: unknown front matter key "authr"`, "", ""},
		{"bad toml", "+++\ntitle = T\nlang = \"en\"\n+++\n", "a.md:2: invalid front matter", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("a.md", []byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || string(a.Body()) != tt.body {
				t.Errorf("title %q body %q, want %q %q", a.Title, a.Body(), tt.title, tt.body)
			}
		})
	}
	if _, err := SlugOf("articles/Bad Name.md"); err == nil {
		t.Error("a slug with capitals and a space was accepted")
	}
}

// FuzzParse checks that Parse never panics and that the body it finds is
// the end of the file.
func FuzzParse(f *testing.F) {
	f.Add("+++\ntitle = \"T\"\nlang = \"en\"\n+++\nBody\n")
	f.Add("\ufeff+++\r\ntitle = 'T'\r\nlang = 'ru'\r\n+++")
	f.Add("+++\n+++\n")
	f.Fuzz(func(t *testing.T, data string) {
		a, err := Parse("a.md", []byte(data))
		if err != nil {
			return
		}
		if !strings.HasSuffix(data, string(a.Body())) || a.Title == "" || a.Lang.String() == "" {
			t.Fatalf("parsed %q into %+v", data, a.Meta)
		}
	})
}
