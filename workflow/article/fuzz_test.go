package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// FuzzParse checks that Parse never panics, that every error it returns is an
// *Error, and that an article it accepts writes front matter that reads back:
// with no change as the same Meta, with a new title and language as those.
func FuzzParse(f *testing.F) {
	f.Add("+++\ntitle = \"T\"\nlang = \"en\"\n+++\nBody\n")
	f.Add("\ufeff+++\r\ntitle = 'T'\r\nlang = 'ru'\r\n+++")
	f.Add("+++\n+++\n")
	f.Add("---\ntitle: T\n---\n")
	f.Add(everyKeyYAML)
	f.Add(everyKeyTOML)
	f.Add("---\ntitle: &t T\ndescription: *t\ntags: [*t, b]\n...\n---\n")
	f.Add("---\n  title: T\n  x: |+\n    a\n\n# c\n---\n")
	f.Add("+++\ntitle = \"T\"\na.b = 1 # c\n[t]\nx = \"\"\"\n# y\n\"\"\"\n[[u]]\n+++\n")
	for _, s := range []string{
		"---\n? title\n: T\n? [a, b]\n: c\n---\n",
		"---\n!!map\n&m title: T\n<<: {x: 1}\n---\n",
		"---\ntitle: a\n  plain continued\nz:\n---\n",
		"---\ntitle: T\ns: |+\n  kept\n\n\n---\n",
		"---\ntitle: T\n# only a comment after\n---\n",
		"---\ntitle: T\nlist:\n- a\n- b\n---\n",
		"---\ntitle: \"T\\u2028\"\ndate: 2024-05-01 10:00:00 +0300\n---\n",
		"+++\ntitle = \"\"\"\nT\"\"\"\n\"quoted key\" = 1\n'lit' = 2\n+++\n",
		"+++\ntitle = \"T\"\n[a.b]\n[a]\nc = 1\n+++\n",
		"+++\ntitle = \"T\"\ndate = 1979-05-27T07:32:00.999999-07:00\nlastmod = 1979-05-27 07:32:00\n+++\n",
	} {
		f.Add(s)
	}
	paths, _ := filepath.Glob("testdata/*.md")
	posts, _ := filepath.Glob("testdata/_posts/*.md")
	for _, p := range append(paths, posts...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	opts := Options{Langs: []language.Tag{en, ru}}
	const path = "_posts/2024-05-01-floods.ru.md"
	f.Fuzz(func(t *testing.T, data string) {
		a, err := opts.Parse(path, []byte(data))
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if !strings.HasSuffix(data, string(a.Body())) || a.Title == "" || a.Lang == language.Und || a.Date == nil {
			t.Fatalf("parsed %q into %+v", data, a.Meta)
		}
		fm, err := a.FrontMatter()
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		b, err := opts.Parse(path, append(fm, a.Body()...))
		if err != nil {
			t.Fatalf("%q wrote\n%s\nwhich reads as %v", data, fm, err)
		}
		if !sameMeta(a.Meta, b.Meta) {
			t.Fatalf("%q wrote\n%s\nwhich reads as\n%+v\nnot\n%+v", data, fm, b.Meta, a.Meta)
		}
		const title = "T: \"x\" # y\n- z"
		fm, err = a.FrontMatter(Set{Key: "title", Value: title}, Set{Key: "lang", Value: "kk"})
		if err != nil {
			return // a YAML alias of the old title, for one
		}
		c, err := opts.Parse(path, append(fm, a.Body()...))
		if err != nil || c.Title != title || c.Lang != kk {
			t.Fatalf("%q with a new title wrote\n%s\nwhich reads as %v, %+v", data, fm, err, c)
		}
	})
}
