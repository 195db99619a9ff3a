package page

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// shotsDir is where the browser tests copy their screenshots for people to
// look at; the tests also keep them in their temporary directory.
const shotsDir = "/tmp/tilmash-shots"

// findBrowser returns the path of a Chromium-family browser. Without one the
// test is skipped, unless TILMASH_REQUIRE_TOOLS=1 (set in CI) makes it fail.
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found on PATH (looked for chromium, chromium-browser, google-chrome); install it with: apt-get install -y chromium"
	if os.Getenv("TILMASH_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg + " (TILMASH_REQUIRE_TOOLS=1)")
	}
	t.Skip(msg)
	return ""
}

// browser is one headless Chromium shared by the subtests of a test.
type browser struct {
	ctx   context.Context // a browser context; each page opens a tab under it
	dir   string          // where pages and screenshots are written
	shots string
}

// newBrowser starts headless Chromium with the flags this machine needs
// (root, no network) and a fresh profile. It is stopped at the end of t.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := findBrowser(t)
	dir := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	// Start the browser now, so that every subtest opens a tab in it.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	shots := filepath.Join(dir, "shots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return &browser{ctx: ctx, dir: dir, shots: shots}
}

// tab opens a new tab with a time limit, closed at the end of t.
func (b *browser) tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 20*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx
}

// write saves an HTML page in the test directory and returns its file URL.
func (b *browser) write(t *testing.T, name string, render func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(b.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + path
}

// open sets the viewport and the colour scheme and loads url in ctx.
func open(t *testing.T, ctx context.Context, url string, width int64, scheme string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 900),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}),
		chromedp.Navigate(url),
	)
	if err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
}

// shot takes a full-page screenshot named name.png into the test directory
// and copies it to shotsDir.
func (b *browser) shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shotsDir, 0o755); err != nil {
		t.Logf("cannot keep screenshots in %s: %v", shotsDir, err)
		return
	}
	if err := os.WriteFile(filepath.Join(shotsDir, name+".png"), png, 0o644); err != nil {
		t.Logf("cannot keep screenshot in %s: %v", shotsDir, err)
	}
}

// eval evaluates a JavaScript expression in ctx and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// serifFamilies are the families of --serif in base.css.
var serifFamilies = []string{"PT Serif", "Noto Serif", "Source Serif 4", "Source Serif Pro", "Cambria", "Sitka Text", "DejaVu Serif", "Georgia", "Times New Roman"}

// platformFonts returns the font families Chromium used to draw the text of
// the first element that matches sel.
func platformFonts(t *testing.T, ctx context.Context, sel string) []string {
	t.Helper()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(sel)))
	if err != nil || len(nodes) == 0 {
		t.Fatalf("finding %s: %v", sel, err)
	}
	var fams []string
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, dom.Enable, dom.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, css.Enable, cdp.Empty{}); err != nil {
			return err
		}
		r, err := cdp.Call(ctx, tg, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: nodes[0].NodeID})
		if err != nil {
			return err
		}
		for _, f := range r.Fonts {
			fams = append(fams, f.FamilyName)
		}
		return nil
	}))
	if err != nil {
		t.Fatalf("fonts of %s: %v", sel, err)
	}
	return fams
}

// TestBrowser opens the rendered pages in headless Chromium, checks what a
// reader gets, and takes screenshots.
func TestBrowser(t *testing.T) {
	b := newBrowser(t)

	for _, e := range sampleEditions() {
		t.Run("edition/"+e.Lang, func(t *testing.T) {
			url := b.write(t, e.Lang+"/kazakhstan-turkey.html", func(w *bytes.Buffer) error { return WriteEdition(w, e) })
			ctx := b.tab(t)
			open(t, ctx, url, 1280, "light")
			if got := eval[string](t, ctx, `document.documentElement.lang`); got != e.Lang {
				t.Errorf("lang = %q, want %q", got, e.Lang)
			}
			if got := eval[string](t, ctx, `document.title`); got != e.Title {
				t.Errorf("title = %q, want %q", got, e.Title)
			}
			if got := eval[string](t, ctx, `document.querySelector("h1").innerText`); got != e.Title {
				t.Errorf("visible h1 = %q, want %q", got, e.Title)
			}
			body := eval[string](t, ctx, `document.querySelector(".body").innerText`)
			first, _, _ := strings.Cut(strings.TrimPrefix(string(e.Body), "<p>"), ".")
			if !strings.HasPrefix(body, first) {
				t.Errorf("visible body starts %.80q, want %.80q", body, first)
			}
			if got := eval[string](t, ctx, `document.querySelector(".kicker").innerText`); got != e.Kicker {
				t.Errorf("kicker = %q, want %q (shown as given, no case mapping)", got, e.Kicker)
			}
			meta := eval[[]string](t, ctx, `[...document.querySelectorAll(".meta li")].map(li => li.innerText)`)
			if !slices.Equal(meta, e.Meta) {
				t.Errorf("meta = %q, want %q", meta, e.Meta)
			}
			// The head links every language version, resolved to the files.
			type alt struct{ Lang, Href string }
			alts := eval[[]alt](t, ctx, `[...document.querySelectorAll('link[rel=alternate]')].map(l => ({Lang: l.hreflang, Href: l.href}))`)
			if len(alts) != len(e.Alternates) {
				t.Fatalf("%d hreflang links, want %d", len(alts), len(e.Alternates))
			}
			for i, a := range e.Alternates {
				want := "file://" + filepath.Join(b.dir, a.Lang, "kazakhstan-turkey.html")
				if alts[i].Lang != a.Lang || alts[i].Href != want {
					t.Errorf("hreflang %d = %+v, want {%s %s}", i, alts[i], a.Lang, want)
				}
			}
			// The switcher is visible and marks the current language.
			switcher := eval[string](t, ctx, `document.querySelector("nav.languages").innerText`)
			for _, a := range e.Alternates {
				if !strings.Contains(switcher, a.Name) {
					t.Errorf("switcher %q lacks %q", switcher, a.Name)
				}
			}
			current := eval[string](t, ctx, `(() => { const c = document.querySelector('nav.languages [aria-current=page]'); const r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? c.lang + ":" + c.innerText : "hidden"; })()`)
			if want := e.Lang + ":" + nameOf(e.Alternates, e.Lang); current != want {
				t.Errorf("current language = %q, want %q", current, want)
			}
			if got := eval[bool](t, ctx, `!!document.querySelector(".notice")`); got != (e.Notice != "") {
				t.Errorf("notice shown = %v, want %v", got, e.Notice != "")
			}
			// The measure is comfortable: 50–80 characters of body text per line.
			measure := eval[float64](t, ctx, `(() => {
				const p = document.querySelector(".body p:nth-of-type(2)");
				const s = document.createElement("span"); s.textContent = "0".repeat(100);
				s.style.whiteSpace = "nowrap"; s.style.display = "inline-block";
				p.appendChild(s); const ch = s.getBoundingClientRect().width / 100; s.remove();
				return p.getBoundingClientRect().width / ch; })()`)
			if measure < 50 || measure > 80 {
				t.Errorf("body measure = %.0f characters, want 50–80", measure)
			}
			// Every glyph of the title comes from one font of the serif stack:
			// the Kazakh, Turkish and Russian letters need no fallback font.
			fonts := platformFonts(t, ctx, "h1")
			if len(fonts) != 1 || !slices.Contains(serifFamilies, fonts[0]) {
				t.Errorf("title drawn with %q, want one family of the serif stack", fonts)
			}
			b.shot(t, ctx, "edition-"+e.Lang)

			if e.Lang == "kk" || e.Lang == "tr" {
				// A phone: no horizontal scrolling, same content.
				open(t, ctx, url, 390, "light")
				if w := eval[float64](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
					t.Errorf("page is %.0fpx wider than a 390px screen", w)
				}
				b.shot(t, ctx, "edition-"+e.Lang+"-mobile")
			}
			if e.Lang == "kk" {
				open(t, ctx, url, 1280, "dark")
				bg := eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
				if bg != "rgb(23, 23, 26)" {
					t.Errorf("dark background = %s, want rgb(23, 23, 26)", bg)
				}
				b.shot(t, ctx, "edition-kk-dark")
			}
			if e.Lang == "en" {
				err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
					return err
				}))
				if err != nil {
					t.Fatal(err)
				}
				if got := eval[string](t, ctx, `getComputedStyle(document.querySelector("nav.languages")).display`); got != "none" {
					t.Errorf("print: switcher display = %q, want none", got)
				}
				b.shot(t, ctx, "edition-en-print")
			}
		})
	}

	t.Run("index", func(t *testing.T) {
		ix := sampleIndex()
		url := b.write(t, "kk/index.html", func(w *bytes.Buffer) error { return WriteIndex(w, ix) })
		ctx := b.tab(t)
		open(t, ctx, url, 1280, "light")
		if got := eval[string](t, ctx, `document.documentElement.lang`); got != "kk" {
			t.Errorf("lang = %q", got)
		}
		if got := eval[string](t, ctx, `document.title`); got != ix.Title {
			t.Errorf("title = %q", got)
		}
		type entry struct{ Title, Lang, Href, Coverage string }
		got := eval[[]entry](t, ctx, `[...document.querySelectorAll(".entry")].map(li => { const a = li.querySelector("h2 a"); return {Title: a.innerText, Lang: a.lang, Href: a.getAttribute("href"), Coverage: li.querySelector(".coverage").innerText.trim()}; })`)
		if len(got) != len(ix.Entries) {
			t.Fatalf("%d entries, want %d", len(got), len(ix.Entries))
		}
		for i, e := range ix.Entries {
			if w := (entry{e.Title, e.Lang, e.Href, e.Coverage}); got[i] != w {
				t.Errorf("entry %d = %+v, want %+v", i, got[i], w)
			}
		}
		b.shot(t, ctx, "index-kk")
	})

	t.Run("dashboard", func(t *testing.T) {
		d := sampleDashboard()
		url := b.write(t, "dashboard.html", func(w *bytes.Buffer) error { return WriteDashboard(w, d) })
		ctx := b.tab(t)
		open(t, ctx, url, 1280, "light")
		if got := eval[string](t, ctx, `document.title`); got != d.Title {
			t.Errorf("title = %q", got)
		}
		shape := eval[[]int](t, ctx, `[...document.querySelectorAll("#matrix tbody tr")].map(r => r.querySelectorAll("td.cell").length)`)
		if len(shape) != len(d.Rows) {
			t.Fatalf("%d rows, want %d", len(shape), len(d.Rows))
		}
		for i, n := range shape {
			if n != len(d.Languages) {
				t.Errorf("row %d has %d cells, want %d", i, n, len(d.Languages))
			}
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#matrix tfoot td.cell").length`); n != len(d.Languages) {
			t.Errorf("totals row has %d cells, want %d", n, len(d.Languages))
		}
		// Each cell says its state in words, not only in colour.
		if got := eval[string](t, ctx, `document.querySelector("#matrix tbody tr:nth-child(2) td.cell").innerText`); !strings.Contains(got, "21%") || !strings.Contains(got, "Mostly missing") || !strings.Contains(got, "Missing 22") {
			t.Errorf("cell text = %q, want the percentage, the state and the counts", got)
		}
		// The word diff: deleted words struck through, inserted highlighted.
		dels := eval[[]string](t, ctx, `[...document.querySelectorAll("#stale-1 del")].map(e => e.innerText + "|" + getComputedStyle(e).textDecorationLine)`)
		if !slices.Equal(dels, []string{"creation|line-through", ", and Tokayev uses the moment well|line-through"}) {
			t.Errorf("deletions = %q", dels)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#stale-1 ins").length`); n != 2 {
			t.Errorf("%d insertions, want 2", n)
		}
		if !eval[bool](t, ctx, `!document.querySelector(".sort-hint").hidden`) {
			t.Error("the sort hint is hidden although the script ran")
		}
		b.shot(t, ctx, "dashboard")

		order := func() []string {
			return eval[[]string](t, ctx, `[...document.querySelectorAll("#matrix tbody tr")].map(r => r.querySelector(".slug").innerText)`)
		}
		click := func(col int) {
			t.Helper()
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf("#matrix thead th:nth-child(%d) button", col)))); err != nil {
				t.Fatalf("clicking heading %d: %v", col, err)
			}
		}
		initial := []string{"kazakhstan-turkey", "almaty-bus-lanes", "baikonur-lease"}
		if got := order(); !slices.Equal(got, initial) {
			t.Fatalf("initial order = %q", got)
		}
		for _, tc := range []struct {
			col  int
			sort string
			want []string
		}{
			{5, "descending", []string{"kazakhstan-turkey", "baikonur-lease", "almaty-bus-lanes"}}, // tr: 85%, 10%, 0%
			{5, "ascending", []string{"almaty-bus-lanes", "baikonur-lease", "kazakhstan-turkey"}},
			{1, "ascending", []string{"kazakhstan-turkey", "almaty-bus-lanes", "baikonur-lease"}},  // Latin before Cyrillic, then А before Б
			{6, "descending", []string{"almaty-bus-lanes", "baikonur-lease", "kazakhstan-turkey"}}, // words: 707, 542, 118
			{2, "descending", []string{"baikonur-lease", "almaty-bus-lanes", "kazakhstan-turkey"}}, // en: 73%, 21%, source
		} {
			click(tc.col)
			if got := order(); !slices.Equal(got, tc.want) {
				t.Errorf("after sorting column %d %s: order = %q, want %q", tc.col, tc.sort, got, tc.want)
			}
			if got := eval[string](t, ctx, fmt.Sprintf(`document.querySelector("#matrix thead th:nth-child(%d)").getAttribute("aria-sort")`, tc.col)); got != tc.sort {
				t.Errorf("column %d aria-sort = %q, want %q", tc.col, got, tc.sort)
			}
		}
		b.shot(t, ctx, "dashboard-sorted")
		open(t, ctx, url, 1280, "dark")
		b.shot(t, ctx, "dashboard-dark")
	})

	t.Run("dashboard/no-script", func(t *testing.T) {
		d := sampleDashboard()
		url := b.write(t, "dashboard.html", func(w *bytes.Buffer) error { return WriteDashboard(w, d) })
		ctx := b.tab(t)
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		open(t, ctx, url, 1280, "light")
		// Reading the DOM through the protocol works with scripts disabled.
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#matrix")))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Kazakhstan-Turkey", "Алматинские", "Байқоңырды", "All articles", "Fully reviewed", "Words pending"} {
			if !strings.Contains(text, want) {
				t.Errorf("matrix text without script lacks %q", want)
			}
		}
		buttons, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("#matrix button"), chromedp.AtLeast(0)))
		if err != nil {
			t.Fatal(err)
		}
		if len(buttons) != 0 {
			t.Errorf("%d sort buttons without script, want 0", len(buttons))
		}
		b.shot(t, ctx, "dashboard-noscript")
	})

	t.Run("hostile", func(t *testing.T) {
		pages := []struct {
			name    string
			render  func(*bytes.Buffer) error
			title   string
			scripts int
		}{
			{"hostile-edition", func(w *bytes.Buffer) error { return WriteEdition(w, hostileEdition()) }, hostileScript, 0},
			{"hostile-index", func(w *bytes.Buffer) error { return WriteIndex(w, hostileIndex()) }, hostileScript, 0},
			{"hostile-dashboard", func(w *bytes.Buffer) error { return WriteDashboard(w, hostileDashboard()) }, hostileScript, 1},
		}
		for _, p := range pages {
			url := b.write(t, p.name+".html", p.render)
			ctx := b.tab(t)
			// Bypass the pages' CSP, so that what is checked is the escaping,
			// and trap alert before any script of the page could run.
			err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				if _, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
					return err
				}
				_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
					Source: `window.__alerts = 0; window.alert = function () { window.__alerts++; };`,
				})
				return err
			}))
			if err != nil {
				t.Fatal(err)
			}
			open(t, ctx, url, 1280, "light")
			if got := eval[string](t, ctx, `document.title`); got != p.title {
				t.Errorf("%s: title = %q, want the literal %q", p.name, got, p.title)
			}
			if got := eval[string](t, ctx, `document.querySelector("h1").innerText`); got != p.title {
				t.Errorf("%s: h1 = %q, want the literal %q", p.name, got, p.title)
			}
			if got := eval[string](t, ctx, `document.body.innerText`); !strings.Contains(got, hostileAttr) {
				t.Errorf("%s: page text lacks the literal %q", p.name, hostileAttr)
			}
			if n := eval[int](t, ctx, `window.__alerts`); n != 0 {
				t.Errorf("%s: alert ran %d times", p.name, n)
			}
			if n := eval[int](t, ctx, `document.images.length`); n != 0 {
				t.Errorf("%s: %d <img> elements were created", p.name, n)
			}
			if n := eval[int](t, ctx, `document.scripts.length`); n != p.scripts {
				t.Errorf("%s: %d scripts, want %d", p.name, n, p.scripts)
			}
			handlers := eval[[]string](t, ctx, `[...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name))`)
			if len(handlers) > 0 {
				t.Errorf("%s: event handler attributes: %q", p.name, handlers)
			}
			bad := eval[[]string](t, ctx, `[...document.querySelectorAll("[href]")].map(e => e.getAttribute("href")).filter(h => /^\s*javascript:/i.test(h))`)
			if len(bad) > 0 {
				t.Errorf("%s: javascript: links survived: %q", p.name, bad)
			}
			b.shot(t, ctx, p.name)
		}
	})
}

// nameOf returns the name of lang among alts.
func nameOf(alts []Alternate, lang string) string {
	for _, a := range alts {
		if a.Lang == lang {
			return a.Name
		}
	}
	return ""
}
