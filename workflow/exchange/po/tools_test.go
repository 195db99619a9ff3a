package po

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// requireTool returns the path of a gettext program. Without it the test
// is skipped, unless TILMASH_REQUIRE_TOOLS=1 (as in CI) makes that a
// failure.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("TILMASH_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is not on PATH and TILMASH_REQUIRE_TOOLS=1: install gettext (apt-get install gettext)", name)
	}
	t.Skipf("%s is not on PATH (install gettext to run this test; set TILMASH_REQUIRE_TOOLS=1 to make this a failure)", name)
	return ""
}

// run runs a program in the C locale and returns its standard output and
// standard error; it fails the test when the program fails.
func run(t *testing.T, prog string, args ...string) (stdout, stderr []byte) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(prog, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANGUAGE=")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, errOut.Bytes())
	}
	return out.Bytes(), errOut.Bytes()
}

// quiet runs a program like run, and fails the test if it writes to
// standard error: gettext writes warnings there.
func quiet(t *testing.T, prog string, args ...string) []byte {
	t.Helper()
	stdout, stderr := run(t, prog, args...)
	if len(stderr) > 0 {
		t.Errorf("%s %s wrote to stderr:\n%s", filepath.Base(prog), strings.Join(args, " "), stderr)
	}
	return stdout
}

// pulled returns a file as tilmash pull would write it for lang, with
// translated, fuzzy, untranslated, plural and obsolete entries.
func pulled(tag language.Tag) *File {
	nplurals := 2
	if strings.HasPrefix(PluralForms(tag), "nplurals=3") {
		nplurals = 3
	}
	strs := make([]string, nplurals)
	for i := range strs {
		strs[i] = "%d form " + string(rune('A'+i))
	}
	return &File{
		Header: Header{
			ProjectIDVersion: "tilmash kazakhstan-turkey",
			Language:         tag.String(),
			PluralForms:      PluralForms(tag),
			Fields: [][2]string{
				{"PO-Revision-Date", "2024-05-01 10:00+0000"},
				{"Last-Translator", "Translator <t@example.org>"},
				{"Language-Team", tag.String()},
			},
		},
		Entries: []Entry{
			{
				ExtractedComments: []string{"The article's title."},
				References:        []string{"articles/kazakhstan-turkey.md:2"},
				Context:           "title",
				ID:                "Kazakhstan-Turkey: new steps and old risks of Tokayev?",
				Str:               "Translated title",
			},
			{
				ExtractedComments: []string{"Previous source: Old text.", "Next: So, commenting on this news…"},
				Flags:             []string{"fuzzy"},
				PrevContext:       "p1.s1",
				PrevID:            "For Muslims in the post-Soviet space, one of the events of last week was the visit.",
				Context:           "p1.s1",
				ID:                "For Muslims in the post-Soviet space, one of the important events of last week was the visit of Kazakhstan’s President Kassym-Jomart Tokayev to Turkey.",
				Str:               "Stale translation of the visit of Kassym-Jomart Tokayev to Turkey, kept for the translator to update.",
			},
			{Context: "p3.s2", ID: "Read <1>the news</1> at <2/> \"now\" \\ later."},
			{Context: "p3.s3", ID: "Two\nlines\n", Str: "Zwei\nZeilen\n"},
			{
				Flags:   []string{"c-format"},
				Context: "ui.minutes",
				ID:      "%d minute read",
				Plural:  "%d minutes read",
				Strs:    strs,
			},
			{Context: "p9.s1", ID: "A removed sentence.", Str: "Removed.", Obsolete: true},
		},
	}
}

// TestGettextTools checks Write's output with gettext itself: msgfmt
// --check accepts it without a warning, and what msgattrib and msgcat
// write of it parses to the same entries.
func TestGettextTools(t *testing.T) {
	msgfmt := requireTool(t, "msgfmt")
	msgattrib := requireTool(t, "msgattrib")
	msgcat := requireTool(t, "msgcat")
	for _, tag := range []language.Tag{language.English, language.Russian, language.Kazakh, language.Turkish} {
		t.Run(tag.String(), func(t *testing.T) {
			f := pulled(tag)
			var buf bytes.Buffer
			if err := Write(&buf, f); err != nil {
				t.Fatalf("Write: %v", err)
			}
			name := filepath.Join(t.TempDir(), tag.String()+".po")
			if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			quiet(t, msgfmt, "--check", "-o", os.DevNull, name)
			_, stats := run(t, msgfmt, "--check", "--statistics", "-o", os.DevNull, name)
			if got, want := string(stats), "3 translated messages, 1 fuzzy translation, 1 untranslated message.\n"; got != want {
				t.Errorf("msgfmt --statistics: %q, want %q", got, want)
			}

			want := noLines(f)
			got, err := Parse(quiet(t, msgcat, name))
			if err != nil {
				t.Fatalf("Parse(msgcat output): %v", err)
			}
			if !reflect.DeepEqual(noLines(got), want) {
				t.Errorf("msgcat changed the file:\n%#v\nwant\n%#v", noLines(got), want)
			}

			fuzzy, err := Parse(quiet(t, msgattrib, "--only-fuzzy", name))
			if err != nil {
				t.Fatalf("Parse(msgattrib --only-fuzzy output): %v", err)
			}
			var ids []string
			for _, e := range fuzzy.Entries {
				ids = append(ids, e.Context)
			}
			if !slices.Equal(ids, []string{"p1.s1"}) {
				t.Errorf("msgattrib --only-fuzzy kept %q, want [p1.s1]", ids)
			}

			active, err := Parse(quiet(t, msgattrib, "--no-obsolete", name))
			if err != nil {
				t.Fatalf("Parse(msgattrib --no-obsolete output): %v", err)
			}
			want.Entries = slices.DeleteFunc(want.Entries, func(e Entry) bool { return e.Obsolete })
			if !reflect.DeepEqual(noLines(active), want) {
				t.Errorf("msgattrib --no-obsolete gave:\n%#v\nwant\n%#v", noLines(active), want)
			}
		})
	}
}
