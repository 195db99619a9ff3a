package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/workflow/internal/browsertest"
)

// TestBrowserKazakhLatin builds the sample with kk-Latn among its
// languages and reads the Latin edition in headless Chromium: its lang,
// text with no Cyrillic letter (but for the link to the Cyrillic edition,
// which names itself), names and words as the official table of 2021
// writes them, and hreflang links both ways. (Issue 12.)
func TestBrowserKazakhLatin(t *testing.T) {
	c := browsertest.Start(t)
	dir := sampleCopy(t)
	cfg := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	withLatn := strings.Replace(string(data), `languages = ["en", "ru", "kk", "tr"]`, `languages = ["en", "ru", "kk", "tr", "kk-Latn"]`, 1)
	if withLatn == string(data) {
		t.Fatal("the sample's languages are not as this test expects")
	}
	if err := os.WriteFile(cfg, []byte(withLatn), 0o644); err != nil {
		t.Fatal(err)
	}
	out, m := buildTo(t, dir, nil)
	for _, e := range m.Editions {
		if e.Lang == "kk-Latn" && (!e.Built || e.Coverage.Percent != 100) {
			t.Fatalf("kk-Latn edition: %+v", e)
		}
	}
	ctx := tab(t, c, false)
	openPage(t, ctx, filepath.Join(out, "kk-Latn", "kazakhstan-turkey.html"))
	if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang`); got != "kk-Latn" {
		t.Errorf("lang = %q, want kk-Latn", got)
	}
	// Everything a reader sees, but for links that name the other editions
	// in their own languages.
	text := browsertest.Eval[string](t, ctx, `(() => { const b = document.body.cloneNode(true); b.querySelectorAll('[hreflang]').forEach(e => e.remove()); return b.innerText })()`)
	for _, r := range text {
		if r >= 0x0400 && r <= 0x04FF {
			t.Fatalf("the Latin edition shows the Cyrillic letter %q in:\n%s", r, text)
		}
	}
	for _, want := range []string{
		"Qazaqstan",  // Қазақстан: қ → q
		"Toqaev",     // Тоқаев
		"Türkiia",    // Түркия: ү → ü, я → ia
		"Mäskeu",     // Мәскеу: ә → ä
		"ŪQŞŪ",       // ҰҚШҰ: ұ → ū, ш → ş
		"tılı",       // тілі: і → ı
		"AUDARYLĞAN", // аударылған, the kicker in capitals: ы → y, ғ → ğ
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the Latin edition lacks %q", want)
		}
	}
	alts := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll('link[rel=alternate]')].map(l => l.hreflang)`)
	if strings.Join(alts, " ") != "en ru kk tr kk-Latn" {
		t.Errorf("hreflang = %q", alts)
	}
	openPage(t, ctx, filepath.Join(out, "kk", "kazakhstan-turkey.html"))
	back := browsertest.Eval[string](t, ctx, `(document.querySelector('link[rel=alternate][hreflang="kk-Latn"]') || {}).href || ""`)
	if !strings.HasSuffix(back, "/kk-Latn/kazakhstan-turkey.html") {
		t.Errorf("the Cyrillic edition links the Latin one as %q", back)
	}
}
