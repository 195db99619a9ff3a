package workflow

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/exchange/tmx"
)

// memoryArticle has a link, inline code and a line break: placeholders
// paired and standalone.
const memoryArticle = `+++
title = "Almaty"
lang = "en"
+++

The mayor opened [a new bridge](https://example.kz/b). Run ` + "`make`" + ` now.

Traffic was heavy.
`

// memoryWorkspace is a synced workspace with current translations in kk
// (approved) and tr (one with a broken placeholder), a history version
// and a memory with a removed segment's translation, an imported entry
// and one whose source is not known.
func memoryWorkspace(t *testing.T) string {
	t.Helper()
	dir := syncedWorkspace(t, map[string]string{
		"tilmash.toml":  configFor("en", "ru", "kk", "tr"),
		"articles/a.md": memoryArticle,
	})
	writeTranslations(t, dir, "a", "kk", func(id, source string) string { return "KK " + source })
	writeTranslations(t, dir, "a", "tr", func(id, source string) string {
		if strings.Contains(source, "<1>") {
			return "TR <1>köprü açıldı" // the pair left open
		}
		return "TR " + source
	})
	approve(t, dir, "a", "kk")
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	kk := language.Make("kk")
	meta, err := ws.loadMeta(ws.MetaPath("a", kk))
	if err != nil {
		t.Fatal(err)
	}
	sm := meta.Segments[TitleID]
	sm.Record(catalog.Version{Text: "Алматы қаласы", Source: "Almaty", By: "Aigerim <a@example.kz>", On: "2026-11-30T10:00:00+05:00", Via: "push"})
	meta.Segments[TitleID] = sm
	data, err := meta.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, filepath.FromSlash(ws.MetaPath("a", kk))), string(data))
	mem := &catalog.Memory{}
	mem.Add(catalog.MemoryEntry{Article: "a", ID: "gone-1234", Source: "The old bridge & <1>its</1> toll.", Translation: "Ескі көпір & <1>оның</1> ақысы."})
	mem.Add(catalog.MemoryEntry{Source: "Good morning.", Translation: "Қайырлы таң.", Origin: "agency.tmx, SomeCAT 9"})
	mem.Add(catalog.MemoryEntry{Article: "a", ID: "lost-5678", Translation: "Көзі белгісіз."})
	if data, err = mem.Marshal(); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, filepath.FromSlash(ws.MemoryPath(kk))), string(data))
	return dir
}

func exportMemory(t *testing.T, dir string, opts MemoryExportOptions) ([]byte, MemoryExport) {
	t.Helper()
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	var buf bytes.Buffer
	res, err := ws.ExportMemory(context.Background(), &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res
}

func TestMemoryExport(t *testing.T) {
	dir := memoryWorkspace(t)
	data, res := exportMemory(t, dir, MemoryExportOptions{})
	// 4 segments × (kk, tr) current; remembered: the title's old version,
	// the removed segment, the imported entry; one left out, unsourced.
	want := MemoryExport{Units: 7, Current: 8, Remembered: 3, Unsourced: 1}
	if res != want {
		t.Errorf("ExportMemory = %+v, want %+v\n%s", res, want, data)
	}
	doc, err := tmx.Read(data)
	if err != nil {
		t.Fatalf("tmx.Read: %v\n%s", err, data)
	}
	byText := map[string]tmx.Variant{}
	for _, u := range doc.Units {
		if u.SrcLang != "en" || u.Variants[0].Lang != "en" {
			t.Errorf("unit %q: source language %q, first variant %q, want en", u.ID, u.SrcLang, u.Variants[0].Lang)
		}
		for _, v := range u.Variants {
			byText[v.Text] = v
		}
	}
	for _, text := range []string{
		"The mayor opened <1>a new bridge</1>.", "KK The mayor opened <1>a new bridge</1>.",
		"TR <1>köprü açıldı", "Run <1/> now.", "Алматы қаласы", "Ескі көпір & <1>оның</1> ақысы.", "Қайырлы таң.",
	} {
		if _, ok := byText[text]; !ok {
			t.Errorf("the export lacks %q:\n%s", text, data)
		}
	}
	if v := byText["Алматы қаласы"]; v.ChangedBy != "Aigerim <a@example.kz>" || tmx.FormatDate(v.Changed) != "20261130T050000Z" || v.Prop("x-tilmash-via") != "push" {
		t.Errorf("the history version = %+v, want its author, date and way", v)
	}
	if v := byText["Қайырлы таң."]; v.Prop("x-tilmash-origin") != "agency.tmx, SomeCAT 9" {
		t.Errorf("the imported entry = %+v, want its origin", v)
	}
	if v := byText["KK Almaty"]; v.Prop("x-tilmash-state") != "reviewed" {
		t.Errorf("the approved translation = %+v, want state reviewed", v)
	}
	if !bytes.Contains(data, []byte(`<it pos="begin" x="1">&lt;1&gt;</it>köprü`)) {
		t.Errorf("the open pair is not an isolated code:\n%s", data)
	}
	again, _ := exportMemory(t, dir, MemoryExportOptions{})
	if !bytes.Equal(again, data) {
		t.Error("a second export differs")
	}
	trOnly, res := exportMemory(t, dir, MemoryExportOptions{Langs: []language.Tag{language.Make("tr")}})
	if res.Current != 4 || res.Remembered != 0 || bytes.Contains(trOnly, []byte(`xml:lang="kk"`)) {
		t.Errorf("export of tr = %+v:\n%s", res, trOnly)
	}
	validateTMX(t, data)
}

// validateTMX checks a TMX against the TMX 1.4 DTD with xmllint.
func validateTMX(t *testing.T, data []byte) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("TILMASH_REQUIRE_TOOLS") == "1" {
			t.Fatal("xmllint is not on PATH and TILMASH_REQUIRE_TOOLS=1: install libxml2-utils")
		}
		t.Skip("xmllint is not on PATH: install libxml2-utils to validate the export")
	}
	dtd, err := os.ReadFile(filepath.Join("exchange", "tmx", "testdata", "tmx14.dtd"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "tmx14.dtd"), string(dtd))
	writeTestFile(t, filepath.Join(dir, "m.tmx"), string(data))
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--dtdvalid", "tmx14.dtd", "m.tmx")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("xmllint --dtdvalid tmx14.dtd: %v\n%s", err, out)
	}
}

// TestMemoryImport exports one workspace's memory, imports it into another
// with the same article untranslated, and finds the translations offered
// as suggestions by pull, the workspace's translations untouched.
func TestMemoryImport(t *testing.T) {
	data, _ := exportMemory(t, memoryWorkspace(t), MemoryExportOptions{})
	dir := syncedWorkspace(t, map[string]string{
		"tilmash.toml":  configFor("en", "ru", "kk", "tr"),
		"articles/a.md": memoryArticle,
	})
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	plan, res, err := ws.ImportMemory(context.Background(), MemoryImportOptions{Name: "../newsroom.tmx", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if res.Origin != "newsroom.tmx, tilmash 1" || res.Skipped != 0 {
		t.Errorf("ImportMemory = %+v", res)
	}
	want := []MemoryImportLang{{Lang: "kk", Added: 7, Known: 0}, {Lang: "tr", Added: 4}}
	if !slices.Equal(res.Langs, want) {
		t.Errorf("ImportMemory langs = %+v, want %+v", res.Langs, want)
	}
	var paths []string
	for _, c := range plan.Changes {
		paths = append(paths, c.Path)
	}
	if want := []string{"locales/kk/.tilmash/memory.kk.toml", "locales/tr/.tilmash/memory.tr.toml"}; !slices.Equal(paths, want) {
		t.Fatalf("the plan writes %v, want only the memories %v", paths, want)
	}
	if err := ws.Apply(context.Background(), DiskWriter{}, plan); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	if ws, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	items, err := ws.Pull(context.Background(), PullOptions{Lang: language.Make("kk")})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 {
		t.Fatalf("pull kk: %d items, want the 4 segments still missing", len(items))
	}
	for _, it := range items {
		if it.State != Missing {
			t.Errorf("%s is %s after the import, want missing", it.ID, it.State)
		}
		found := false
		for _, s := range it.Suggestions {
			found = found || s.Score == 1 && s.Translation == "KK "+it.Source
		}
		if !found {
			t.Errorf("%s: suggestions %+v lack the exact match %q", it.ID, it.Suggestions, "KK "+it.Source)
		}
	}
	// importing again adds nothing
	plan, res, err = ws.ImportMemory(context.Background(), MemoryImportOptions{Name: "newsroom.tmx", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 0 || res.Langs[0].Added != 0 || res.Langs[0].Known != 7 {
		t.Errorf("a second import plans %d changes: %+v", len(plan.Changes), res)
	}
}

func TestMemoryImportErrors(t *testing.T) {
	dir := syncedWorkspace(t, map[string]string{
		"tilmash.toml":  configFor("en", "kk"),
		"articles/a.md": memoryArticle,
	})
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	for _, tc := range []struct{ data, want string }{
		{"", "m.tmx:1: no <tmx> element"},
		{"<tmx><header/>\n<body><tu><tuv xml:lang='kk'><seg><ept i='1'/></seg></tuv></tu></body></tmx>", `m.tmx:2: unit #1: <ept i="1"> closes no <bpt>`},
	} {
		_, _, err := ws.ImportMemory(context.Background(), MemoryImportOptions{Name: "m.tmx", Data: []byte(tc.data)})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ImportMemory(%q) = %v, want %q", tc.data, err, tc.want)
		}
	}
}
