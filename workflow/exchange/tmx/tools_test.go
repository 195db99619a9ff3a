package tmx

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// requireTool returns the path of a program. Without it the test is
// skipped, unless TILMASH_REQUIRE_TOOLS=1 (as in CI) makes that a failure.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("TILMASH_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is not on PATH and TILMASH_REQUIRE_TOOLS=1: install %s (apt-get install %s)", name, pkg, pkg)
	}
	t.Skipf("%s is not on PATH (install %s to run this test; set TILMASH_REQUIRE_TOOLS=1 to make this a failure)", name, pkg)
	return ""
}

// run runs a program in the C locale in dir and returns its standard
// output; it fails the test when the program fails.
func run(t *testing.T, dir, prog string, args ...string) []byte {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANGUAGE=")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(prog), strings.Join(args, " "), err, out.Bytes(), errOut.Bytes())
	}
	return out.Bytes()
}

// TestValidDTD checks what Write writes against the TMX 1.4 DTD with
// xmllint (libxml2-utils).
func TestValidDTD(t *testing.T) {
	xmllint := requireTool(t, "xmllint", "libxml2-utils")
	dtd, err := os.ReadFile(filepath.Join("testdata", "tmx14.dtd"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// beside the documents, as their DOCTYPE names it
	if err := os.WriteFile(filepath.Join(dir, "tmx14.dtd"), dtd, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]*Document{"memory.tmx": memory(), "empty.tmx": {}} {
		var buf bytes.Buffer
		if err := Write(&buf, doc); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out := run(t, dir, xmllint, "--noout", "--nonet", "--dtdvalid", "tmx14.dtd", p); len(out) > 0 {
			t.Errorf("xmllint: %s", out)
		}
	}
}

// python returns the Python interpreter of Translate Toolkit (Debian's
// translate-toolkit), as its po2tmx script names it.
func python(t *testing.T, po2tmx string) string {
	t.Helper()
	f, err := os.Open(po2tmx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n') // a short read leaves line empty, caught below
	prog := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(prog) == 0 || !strings.HasPrefix(line, "#!") {
		t.Fatalf("%s names no interpreter", po2tmx)
	}
	if filepath.Base(prog[0]) == "env" && len(prog) > 1 {
		return prog[1]
	}
	return prog[0]
}

// TestPO2TMX reads what Translate Toolkit's po2tmx writes of a PO file
// with placeholders, escapes and untranslated and fuzzy entries.
func TestPO2TMX(t *testing.T) {
	po2tmx := requireTool(t, "po2tmx", "translate-toolkit")
	dir := t.TempDir()
	po := `msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: kk\n"

#: kazakhstan-turkey.md:7
msgctxt "kazakhstan-turkey/last-fall-we-1a2b"
msgid "Last fall, we wrote about <1>the TSO</1> & \"more\"."
msgstr "Өткен күзде біз <1>ТМҰ</1> туралы жаздық."

msgid "Untranslated"
msgstr ""

#, fuzzy
msgid "Fuzzy"
msgstr "Бұлыңғыр"
`
	if err := os.WriteFile(filepath.Join(dir, "kk.po"), []byte(po), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, po2tmx, "--progress=none", "-l", "kk", "kk.po", "kk.tmx")
	data, err := os.ReadFile(filepath.Join(dir, "kk.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(data)
	if err != nil {
		t.Fatalf("Read: %v\n%s", err, data)
	}
	if doc.CreationTool != "Translate Toolkit" || len(doc.Units) != 1 {
		t.Fatalf("Read = %+v\n%s", doc, data)
	}
	src := doc.Units[0].Source(doc.SrcLang)
	if src == nil || src.Text != `Last fall, we wrote about <1>the TSO</1> & "more".` {
		t.Errorf("source = %+v", src)
	}
	if v := doc.Units[0].Variants; len(v) != 2 || v[1].Lang != "kk" || v[1].Text != "Өткен күзде біз <1>ТМҰ</1> туралы жаздық." {
		t.Errorf("variants = %+v", v)
	}
}

// TestTranslateToolkitReads reads what Write writes with Translate
// Toolkit's TMX reader (Python's translate.storage.tmx).
func TestTranslateToolkitReads(t *testing.T) {
	py := python(t, requireTool(t, "po2tmx", "translate-toolkit"))
	dir := t.TempDir()
	doc := &Document{Units: []Unit{
		{SrcLang: "en", Variants: []Variant{{Lang: "en", Text: "Tokayev & Erdoğan"}, {Lang: "kk", Text: "Тоқаев пен Ердоған"}}},
		{SrcLang: "en", Variants: []Variant{{Lang: "en", Text: "See <1>the TSO</1>."}, {Lang: "kk", Text: "<1>ТМҰ</1> қараңыз."}}},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "m.tmx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import sys
from translate.storage import tmx
store = tmx.tmxfile.parsefile("m.tmx")
for u in store.units:
    sys.stdout.write(u.source + "\t" + u.target + "\n")
`
	got := string(run(t, dir, py, "-c", script))
	want := "Tokayev & Erdoğan\tТоқаев пен Ердоған\n"
	if !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 2 {
		t.Errorf("translate.storage.tmx read:\n%s\nwant first\n%s", got, want)
	}
}
