package xliff

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMatchesValid writes translation candidates as <mtc:matches> and
// checks the file against the XLIFF 2.0 core and module schemas with
// xmllint, and that Read takes the file back with the matches skipped.
func TestMatchesValid(t *testing.T) {
	doc := &Document{SrcLang: "en", TrgLang: "kk", Files: []File{{ID: "news:floods", Units: []Unit{
		{
			ID: "see-the-5259", Source: "See <1>the report</1>.", State: StateInitial,
			Codes: []Code{{ID: "1", Open: "[", Close: "](https://example.kz/r)", Paired: true}},
			Matches: []Match{
				{Source: "See <1>the report</1>.", Target: "<1>Баяндаманы</1> қараңыз.", Similarity: 100, Origin: "news/old/see-the-5259"},
				{Source: "See the report & <2/>.", Target: "Баяндаманы қараңыз.", Similarity: 80, Origin: "memory"}, // <2/> is not the unit's: left out
				{Source: "See the reports.", Target: "Баяндамаларды қараңыз.", Similarity: 87.5, Origin: "memory (agency.tmx)"},
			},
		},
		{ID: "title", Source: "Floods", State: StateInitial, Glossary: []GlossEntry{{Term: "Floods", Translation: "Су тасқыны", Definition: "the newsroom's word & no other"}}},
	}}}}
	var sb strings.Builder
	if err := Write(&sb, doc); err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	for _, want := range []string{
		`xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"`,
		`<mtc:match id="m1" ref="#s1" similarity="100" origin="news/old/see-the-5259">`,
		`<target><pc id="1" dataRefStart="d1" dataRefEnd="d1-end">Баяндаманы</pc> қараңыз.</target>`,
		`similarity="87.5" origin="memory (agency.tmx)"`,
		`<segment id="s1" state="initial">`,
		`xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"`,
		`<gls:term>Floods</gls:term>`,
		`<gls:definition>the newsroom's word &amp; no other</gls:definition>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the file lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "See the report &amp;") {
		t.Error("a match with a placeholder the unit lacks was written")
	}
	back, err := Read([]byte(out))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if u := back.Files[0].Units[0]; u.Source != doc.Files[0].Units[0].Source || len(u.Matches) != 0 {
		t.Errorf("read back %+v", u)
	}

	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("TILMASH_REQUIRE_TOOLS") == "1" {
			t.Fatal("xmllint is not on PATH and TILMASH_REQUIRE_TOOLS=1: install libxml2-utils")
		}
		t.Skip("xmllint is not on PATH (install libxml2-utils)")
	}
	name := filepath.Join(t.TempDir(), "m.xlf")
	if err := os.WriteFile(name, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join("testdata", "schemas", "xliff20-all.xsd"), name)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("xmllint: %v\n%s\n%s", err, b, out)
	}
}
