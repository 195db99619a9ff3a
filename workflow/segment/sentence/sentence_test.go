package sentence

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// goldenCase is one case of testdata/golden/<lang>.toml.
type goldenCase struct {
	Name string   `toml:"name"`
	Tag  string   `toml:"tag"` // language tag if not the file's own ("en-GB")
	Text string   `toml:"text"`
	Want []string `toml:"want"`
	Note string   `toml:"note"` // why the expected reading was chosen
	// Lines: the text is plain text laid out in lines, split as
	// AppendSplitLines splits it (tilmash segment --plain).
	Lines bool `toml:"lines"`
}

// split splits the case's text as the case says: as running text, or as
// plain text laid out in lines.
func (c goldenCase) split(s *Splitter) []Span {
	if c.Lines {
		return s.AppendSplitLines(nil, c.Text)
	}
	return s.Split(c.Text)
}

type goldenFile struct {
	Cases []goldenCase `toml:"case"`
}

// goldenLanguages are the files of testdata/golden, by base language; "und"
// holds cases for the generic rules.
var goldenLanguages = []string{"en", "ru", "kk", "tr", "und"}

// minGoldenCases is the least number of cases each of the four newsroom
// languages must have.
const minGoldenCases = 30

func readGolden(t testing.TB, lang string) []goldenCase {
	t.Helper()
	path := filepath.Join("testdata", "golden", lang+".toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f goldenFile
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	seen := make(map[string]bool)
	for i, c := range f.Cases {
		if c.Name == "" || c.Text == "" {
			t.Fatalf("%s: case %d has no name or no text", path, i+1)
		}
		if seen[c.Name] {
			t.Fatalf("%s: two cases are named %q", path, c.Name)
		}
		seen[c.Name] = true
	}
	return f.Cases
}

// sentences returns the text of each span.
func sentences(text string, spans []Span) []string {
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = text[sp.Start:sp.End]
	}
	return out
}

// TestGoldenRules runs the hard cases of testdata/golden: for each language,
// text and the sentences it must split into. It reports the pass rate per
// language and fails on any case that does not pass.
func TestGoldenRules(t *testing.T) {
	total, passed := 0, 0
	for _, lang := range goldenLanguages {
		cases := readGolden(t, lang)
		if lang != "und" && len(cases) < minGoldenCases {
			t.Errorf("%s: %d cases, want at least %d", lang, len(cases), minGoldenCases)
		}
		splitters := make(map[string]*Splitter)
		pass := 0
		for _, c := range cases {
			tag := c.Tag
			if tag == "" {
				tag = lang
			}
			s, ok := splitters[tag]
			if !ok {
				s = New(language.MustParse(tag))
				splitters[tag] = s
			}
			got := sentences(c.Text, c.split(s))
			if equalStrings(got, c.Want) {
				pass++
				continue
			}
			t.Errorf("%s/%s:\n text: %q\n got:  %s\n want: %s\n note: %s", lang, c.Name, c.Text, quoteAll(got), quoteAll(c.Want), c.Note)
		}
		t.Logf("%-3s %3d/%3d cases pass (%.1f%%)", lang, pass, len(cases), 100*float64(pass)/float64(max(len(cases), 1)))
		total += len(cases)
		passed += pass
	}
	t.Logf("all %3d/%3d cases pass (%.1f%%)", passed, total, 100*float64(passed)/float64(max(total, 1)))
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func quoteAll(ss []string) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(strings.ReplaceAll(s, "\n", `\n`))
	}
	return "[" + b.String() + "]"
}

// TestSplitEmpty checks that empty and all-space text gives no spans.
func TestSplitEmpty(t *testing.T) {
	s := New(language.English)
	for _, text := range []string{"", " ", "\n\t ", "\u00a0\u2009\u202f\n", "\u3000"} {
		if got := s.Split(text); len(got) != 0 {
			t.Errorf("Split(%q) = %v, want no spans", text, got)
		}
	}
}

// TestSplitSpans checks the byte offsets of the spans, white space around them included.
func TestSplitSpans(t *testing.T) {
	s := New(language.English)
	text := "\u00a0 Hello there.\n  It works!\u202f"
	got := s.Split(text)
	want := []Span{{3, 15}, {18, 27}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("Split(%q) = %v, want %v", text, got, want)
	}
}

// TestNewLanguage checks which rule table each tag gets.
func TestNewLanguage(t *testing.T) {
	for _, tc := range []struct {
		tag  language.Tag
		want string
	}{
		{language.English, "en"},
		{language.MustParse("en-GB"), "en"},
		{language.Russian, "ru"},
		{language.MustParse("ru-KZ"), "ru"},
		{language.Kazakh, "kk"},
		{language.MustParse("kk-Cyrl-KZ"), "kk"},
		{language.Turkish, "tr"},
		{language.MustParse("tr-TR"), "tr"},
		{language.German, ""},
		{language.Und, ""},
		{language.Tag{}, ""},
	} {
		if got := New(tc.tag).language(); got != tc.want {
			t.Errorf("New(%v) uses the %q rules, want %q", tc.tag, got, tc.want)
		}
	}
}

// TestHasRules checks which tags have rules of their own.
func TestHasRules(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		want bool
	}{
		{"en", true},
		{"en-GB", true},
		{"ru", true},
		{"kk-Cyrl-KZ", true},
		{"tr-TR", true},
		{"de", false},
		{"uz", false},
		{"und", false},
	} {
		if got := HasRules(language.MustParse(tc.tag)); got != tc.want {
			t.Errorf("HasRules(%s) = %v, want %v", tc.tag, got, tc.want)
		}
	}
	if HasRules(language.Tag{}) {
		t.Error("HasRules(zero Tag) = true, want false")
	}
}

// TestZeroSplitter checks that the zero Splitter works, with the generic rules.
func TestZeroSplitter(t *testing.T) {
	var s Splitter
	text := "One. Two, e.g. three."
	got := sentences(text, s.Split(text))
	if want := []string{"One.", "Two, e.g. three."}; !equalStrings(got, want) {
		t.Errorf("zero Splitter: got %q, want %q", got, want)
	}
}

// TestBareRules checks the rules New falls back to when the embedded files
// cannot be used.
func TestBareRules(t *testing.T) {
	s := &Splitter{r: bareRules()}
	text := "«Hello.» World… Yes? No! Mr. Smith."
	got := sentences(text, s.Split(text))
	want := []string{"«Hello.»", "World…", "Yes?", "No!", "Mr.", "Smith."}
	if !equalStrings(got, want) {
		t.Errorf("bare rules: got %q, want %q", got, want)
	}
}

// TestSplitConcurrent checks that one Splitter may be used by many
// goroutines at once (run with -race).
func TestSplitConcurrent(t *testing.T) {
	s := New(language.Russian)
	cases := readGolden(t, "ru")
	done := make(chan bool)
	for range 4 {
		go func() {
			ok := true
			for _, c := range cases {
				if c.Tag == "" && !equalStrings(sentences(c.Text, c.split(s)), c.Want) {
					ok = false
				}
			}
			done <- ok
		}()
	}
	for range 4 {
		if !<-done {
			t.Error("concurrent Split gave a different result")
		}
	}
}
