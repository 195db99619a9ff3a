package article

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var testOptions = Options{Langs: []language.Tag{en, ru, kk, tr}, DefaultLang: en, NoFrontMatter: true}

// russian is what a build sets in the Russian edition of a: the
// translatable keys, the language and the key that ties the editions
// together; the source's aliases are its own; a Jekyll date is kept.
func russian(a *Article) []Set {
	set := []Set{{Key: "title", Value: "RU " + a.Title}}
	if a.Description != "" {
		set = append(set, Set{Key: "description", Value: "RU " + a.Description})
	}
	if a.Summary != "" {
		set = append(set, Set{Key: "summary", Value: "RU " + a.Summary})
	}
	set = append(set, Set{Key: "lang", Value: ru}, Set{Key: "translationKey", Value: a.Name}, Set{Key: "aliases", Value: nil})
	if a.Date != nil && a.Line("date") == 0 {
		set = append(set, Set{Key: "date", Value: *a.Date})
	}
	return set
}

// TestFrontMatterGolden writes the Russian edition of every article in
// testdata and compares it with its .golden file (go test -update rewrites
// them). With no change, the front matter is the source's.
func TestFrontMatterGolden(t *testing.T) {
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		t.Run(filepath.ToSlash(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel("testdata", p)
			name, err := NameOf(filepath.ToSlash(rel), testOptions.Langs)
			if err != nil {
				t.Fatal(err)
			}
			opts := testOptions
			opts.Name = name
			a, err := opts.Parse(p, data)
			if err != nil {
				t.Fatal(err)
			}
			same, err := a.FrontMatter()
			if err != nil {
				t.Fatal(err)
			}
			if want := data[:a.BodyStart]; !bytes.Equal(same, want) {
				t.Errorf("front matter with no change:\n%s\nwant\n%s", same, want)
			}
			fm, err := a.FrontMatter(russian(a)...)
			if err != nil {
				t.Fatal(err)
			}
			got := append(fm, a.Body()...)
			golden := strings.TrimSuffix(p, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("edition of %s:\n%s\nwant (%s)\n%s", p, got, golden, want)
			}
			b, err := opts.Parse(p, got)
			if err != nil {
				t.Fatal(err)
			}
			if b.Title != "RU "+a.Title || b.Lang != ru || b.TranslationKey != name || b.Aliases != nil || b.Format != a.Format && a.Format != "" {
				t.Errorf("edition reads as %+v", b.Meta)
			}
			if !reflect.DeepEqual(keysAndRaws(b.Extra), keysAndRaws(a.Extra)) {
				t.Errorf("extra keys %+v, want %+v", b.Extra, a.Extra)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// keysAndRaws is fields without their lines.
func keysAndRaws(fs []Field) []Field {
	var out []Field
	for _, f := range fs {
		out = append(out, Field{Key: f.Key, Raw: f.Raw})
	}
	return out
}

// TestFrontMatterValues writes every kind of value in both formats and reads
// it back.
func TestFrontMatterValues(t *testing.T) {
	at := time.Date(2024, 3, 15, 10, 0, 0, 500, time.FixedZone("", -5*3600))
	set := []Set{
		{Key: "title", Value: "Line one: \"quoted\"\nline two\t# not a comment"},
		{Key: "description", Value: "yes"},
		{Key: "summary", Value: "2024-03-15"},
		{Key: "slug", Value: ""},
		{Key: "draft", Value: true},
		{Key: "weight", Value: -4},
		{Key: "tags", Value: []string{"a b", "[c]", "yes", "é"}},
		{Key: "categories", Value: []string{}},
		{Key: "lang", Value: kk},
		{Key: "date", Value: toml.LocalDate{Year: 2024, Month: 3, Day: 15}},
		{Key: "lastmod", Value: at},
		{Key: "x-custom key", Value: "kept"},
	}
	for _, src := range []string{"---\ntitle: T\n---\n", "+++\ntitle = \"T\"\n+++\n"} {
		a, err := testOptions.Parse("a.md", []byte(src+"Body.\n"))
		if err != nil {
			t.Fatal(err)
		}
		fm, err := a.FrontMatter(set...)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse("a.md", append(fm, a.Body()...))
		if err != nil {
			t.Fatalf("%v in\n%s", err, fm)
		}
		want := Meta{
			Title: set[0].Value.(string), Description: "yes", Summary: "2024-03-15", Draft: true, Weight: -4,
			Tags: []string{"a b", "[c]", "yes", "é"}, Lang: "kk",
			Date: day(2024, 3, 15), DateTime: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC),
			Lastmod: day(2024, 3, 15), LastmodTime: at,
		}
		extra := b.Extra
		b.Extra = nil
		if !sameMeta(b.Meta, want) || len(extra) != 1 || extra[0].Key != "x-custom key" {
			t.Errorf("wrote\n%s\nread %+v", fm, b.Meta)
		}
	}
}

func TestFrontMatterPlaces(t *testing.T) {
	tests := []struct {
		name, src string
		set       []Set
		want      string
	}{
		{"yaml key keeps its spelling and place", "---\nTITLE: T # c\nlang: en\n---\n",
			[]Set{{Key: "title", Value: "U"}},
			"---\nTITLE: U # c\nlang: en\n---\n"},
		{"yaml new keys at the end, in order", "---\ntitle: T\n# end\n---\n",
			[]Set{{Key: "b", Value: "1"}, {Key: "a", Value: 2}},
			"---\ntitle: T\n# end\nb: \"1\"\na: 2\n---\n"},
		{"yaml removed key", "---\ntitle: T\naliases:\n  - /x/\n\n# c\nlang: en\n---\n",
			[]Set{{Key: "aliases", Value: nil}, {Key: "nothing", Value: nil}},
			"---\ntitle: T\n\n# c\nlang: en\n---\n"},
		{"yaml keys indented", "---\n  title: T\n  tags:\n    - a\n---\n",
			[]Set{{Key: "title", Value: "U\nV"}, {Key: "lang", Value: "en"}, {Key: "aliases", Value: []string{"/x/"}}},
			"---\n  title: |-\n    U\n    V\n  tags:\n    - a\n  lang: en\n  aliases: [/x/]\n---\n"},
		{"toml new keys before the tables", "+++\ntitle = 'T' # c\n\n[params]\nx = 1\n+++\n",
			[]Set{{Key: "lang", Value: "ru"}, {Key: "title", Value: "U"}},
			"+++\ntitle = \"U\" # c\nlang = \"ru\"\n\n[params]\nx = 1\n+++\n"},
		{"toml table replaced by a key", "+++\ntitle = 'T'\n[params]\nx = 1\n[[other]]\ny = 2\n+++\n",
			[]Set{{Key: "params", Value: "flat"}},
			"+++\ntitle = 'T'\nparams = \"flat\"\n[[other]]\ny = 2\n+++\n"},
		{"toml quoted key", "+++\ntitle = 'T'\n+++\n",
			[]Set{{Key: "my key", Value: "v"}},
			"+++\ntitle = 'T'\n\"my key\" = \"v\"\n+++\n"},
		{"no front matter gets YAML", "Body.\n",
			[]Set{{Key: "title", Value: "T"}, {Key: "lang", Value: "en"}},
			"---\ntitle: T\nlang: en\n---\n"},
		{"no front matter and no change", "Body.\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := testOptions.Parse("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := a.FrontMatter(tt.set...)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFrontMatterCRLF(t *testing.T) {
	a, err := Parse("a.md", []byte("\ufeff---\r\ntitle: T\r\nlang: en\r\n---\r\nBody.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.FrontMatter(Set{Key: "title", Value: "U"})
	if err != nil || string(got) != "---\ntitle: U\nlang: en\n---\n" {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, src string
		set       []Set
		err       string
	}{
		{"type", "---\ntitle: T\n---\n", []Set{{Key: "weight", Value: 1.5}}, "a.md: front matter key weight: a value of type float64 cannot be written"},
		{"twice", "---\ntitle: T\n---\n", []Set{{Key: "title", Value: "a"}, {Key: "Title", Value: "b"}}, `a.md: front matter key "Title" given twice`},
		{"empty key", "---\ntitle: T\n---\n", []Set{{Key: "", Value: "a"}}, `a.md: front matter key "" given twice or empty`},
		{"invalid UTF-8", "+++\ntitle = 'T'\n+++\n", []Set{{Key: "title", Value: "\xff"}}, "invalid UTF-8"},
		{"not a date", "---\ntitle: T\n---\n", []Set{{Key: "date", Value: "15 March"}}, "a.md: the edition's front matter would not read back (date: 15 March is not a date"},
		{"alias of a replaced anchor", "---\ntitle: &t T\ndescription: *t\n---\n", []Set{{Key: "title", Value: "U"}}, "would not read back (invalid front matter: unknown anchor 't' referenced)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := testOptions.Parse("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := a.FrontMatter(tt.set...)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("got %q, %v; want error %q", got, err, tt.err)
			}
		})
	}
}
