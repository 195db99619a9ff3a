package page

import (
	"bytes"
	"context"
	"fmt"
	"os"
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

	"github.com/tilmash/tilmash/workflow/internal/browsertest"
)

// write saves an HTML page under dir and returns its file URL.
func write(t *testing.T, dir, name string, render func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
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
	browsertest.Open(t, ctx, url,
		chromedp.EmulateViewport(width, 900),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}),
	)
}

// tabLimit is how long a tab may take for its work.
const tabLimit = 20 * time.Second

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
	b := browsertest.Start(t)
	dir := t.TempDir() // the pages, so that they link to each other

	for _, e := range sampleEditions() {
		t.Run("edition/"+e.Lang, func(t *testing.T) {
			url := write(t, dir, e.Lang+"/kazakhstan-turkey.html", func(w *bytes.Buffer) error { return WriteEdition(w, e) })
			ctx := b.Tab(t, tabLimit)
			open(t, ctx, url, 1280, "light")
			if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang`); got != e.Lang {
				t.Errorf("lang = %q, want %q", got, e.Lang)
			}
			if got := browsertest.Eval[string](t, ctx, `document.title`); got != e.Title {
				t.Errorf("title = %q, want %q", got, e.Title)
			}
			if got := browsertest.Eval[string](t, ctx, `document.querySelector("h1").innerText`); got != e.Title {
				t.Errorf("visible h1 = %q, want %q", got, e.Title)
			}
			body := browsertest.Eval[string](t, ctx, `document.querySelector(".body").innerText`)
			first, _, _ := strings.Cut(strings.TrimPrefix(string(e.Body), "<p>"), ".")
			if !strings.HasPrefix(body, first) {
				t.Errorf("visible body starts %.80q, want %.80q", body, first)
			}
			if got := browsertest.Eval[string](t, ctx, `document.querySelector(".kicker").innerText`); got != e.Kicker {
				t.Errorf("kicker = %q, want %q (shown as given, no case mapping)", got, e.Kicker)
			}
			meta := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".meta li")].map(li => li.innerText)`)
			if !slices.Equal(meta, e.Meta) {
				t.Errorf("meta = %q, want %q", meta, e.Meta)
			}
			// The head links every language version, resolved to the files.
			type alt struct{ Lang, Href string }
			alts := browsertest.Eval[[]alt](t, ctx, `[...document.querySelectorAll('link[rel=alternate]')].map(l => ({Lang: l.hreflang, Href: l.href}))`)
			if len(alts) != len(e.Alternates) {
				t.Fatalf("%d hreflang links, want %d", len(alts), len(e.Alternates))
			}
			for i, a := range e.Alternates {
				want := "file://" + filepath.Join(dir, a.Lang, "kazakhstan-turkey.html")
				if alts[i].Lang != a.Lang || alts[i].Href != want {
					t.Errorf("hreflang %d = %+v, want {%s %s}", i, alts[i], a.Lang, want)
				}
			}
			// The switcher is visible and marks the current language.
			switcher := browsertest.Eval[string](t, ctx, `document.querySelector("nav.languages").innerText`)
			for _, a := range e.Alternates {
				if !strings.Contains(switcher, a.Name) {
					t.Errorf("switcher %q lacks %q", switcher, a.Name)
				}
			}
			current := browsertest.Eval[string](t, ctx, `(() => { const c = document.querySelector('nav.languages [aria-current=page]'); const r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? c.lang + ":" + c.innerText : "hidden"; })()`)
			if want := e.Lang + ":" + nameOf(e.Alternates, e.Lang); current != want {
				t.Errorf("current language = %q, want %q", current, want)
			}
			if got := browsertest.Eval[bool](t, ctx, `!!document.querySelector(".notice")`); got != (e.Notice != "") {
				t.Errorf("notice shown = %v, want %v", got, e.Notice != "")
			}
			// The measure is comfortable: 50–80 characters of body text per line.
			measure := browsertest.Eval[float64](t, ctx, `(() => {
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
			b.Shot(t, ctx, "edition-"+e.Lang)

			if e.Lang == "kk" || e.Lang == "tr" {
				// A phone: no horizontal scrolling, same content.
				open(t, ctx, url, 390, "light")
				if w := browsertest.Eval[float64](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
					t.Errorf("page is %.0fpx wider than a 390px screen", w)
				}
				b.Shot(t, ctx, "edition-"+e.Lang+"-mobile")
			}
			if e.Lang == "kk" {
				open(t, ctx, url, 1280, "dark")
				bg := browsertest.Eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
				if bg != "rgb(23, 23, 26)" {
					t.Errorf("dark background = %s, want rgb(23, 23, 26)", bg)
				}
				b.Shot(t, ctx, "edition-kk-dark")
			}
			if e.Lang == "en" {
				err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
					return err
				}))
				if err != nil {
					t.Fatal(err)
				}
				if got := browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector("nav.languages")).display`); got != "none" {
					t.Errorf("print: switcher display = %q, want none", got)
				}
				b.Shot(t, ctx, "edition-en-print")
			}
		})
	}

	t.Run("index", func(t *testing.T) {
		ix := sampleIndex()
		url := write(t, dir, "kk/index.html", func(w *bytes.Buffer) error { return WriteIndex(w, ix) })
		ctx := b.Tab(t, tabLimit)
		open(t, ctx, url, 1280, "light")
		if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang`); got != "kk" {
			t.Errorf("lang = %q", got)
		}
		if got := browsertest.Eval[string](t, ctx, `document.title`); got != ix.Title {
			t.Errorf("title = %q", got)
		}
		type entry struct{ Title, Lang, Href, Coverage string }
		got := browsertest.Eval[[]entry](t, ctx, `[...document.querySelectorAll(".entry")].map(li => { const a = li.querySelector("h2 a"); return {Title: a.innerText, Lang: a.lang, Href: a.getAttribute("href"), Coverage: li.querySelector(".coverage").innerText.trim()}; })`)
		if len(got) != len(ix.Entries) {
			t.Fatalf("%d entries, want %d", len(got), len(ix.Entries))
		}
		for i, e := range ix.Entries {
			if w := (entry{e.Title, e.Lang, e.Href, e.Coverage}); got[i] != w {
				t.Errorf("entry %d = %+v, want %+v", i, got[i], w)
			}
		}
		b.Shot(t, ctx, "index-kk")
	})

	t.Run("dashboard", func(t *testing.T) {
		d := sampleDashboard()
		url := write(t, dir, "dashboard.html", func(w *bytes.Buffer) error { return WriteDashboard(w, d) })
		ctx := b.Tab(t, tabLimit)
		open(t, ctx, url, 1280, "light")
		if got := browsertest.Eval[string](t, ctx, `document.title`); got != d.Title {
			t.Errorf("title = %q", got)
		}
		shape := browsertest.Eval[[]int](t, ctx, `[...document.querySelectorAll("#matrix tbody tr")].map(r => r.querySelectorAll("td.cell").length)`)
		if len(shape) != len(d.Rows) {
			t.Fatalf("%d rows, want %d", len(shape), len(d.Rows))
		}
		for i, n := range shape {
			if n != len(d.Languages) {
				t.Errorf("row %d has %d cells, want %d", i, n, len(d.Languages))
			}
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("#matrix tfoot td.cell").length`); n != len(d.Languages) {
			t.Errorf("totals row has %d cells, want %d", n, len(d.Languages))
		}
		// Each cell says its state in words, not only in colour.
		if got := browsertest.Eval[string](t, ctx, `document.querySelector("#matrix tbody tr:nth-child(2) td.cell").innerText`); !strings.Contains(got, "21%") || !strings.Contains(got, "Mostly missing") || !strings.Contains(got, "Missing 22") {
			t.Errorf("cell text = %q, want the percentage, the state and the counts", got)
		}
		// The word diff: deleted words struck through, inserted highlighted.
		dels := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#stale-1 del")].map(e => e.innerText + "|" + getComputedStyle(e).textDecorationLine)`)
		if !slices.Equal(dels, []string{"creation|line-through", ", and Tokayev uses the moment well|line-through"}) {
			t.Errorf("deletions = %q", dels)
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("#stale-1 ins").length`); n != 2 {
			t.Errorf("%d insertions, want 2", n)
		}
		if !browsertest.Eval[bool](t, ctx, `!document.querySelector(".sort-hint").hidden`) {
			t.Error("the sort hint is hidden although the script ran")
		}
		b.Shot(t, ctx, "dashboard")

		order := func() []string {
			return browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#matrix tbody tr")].map(r => r.querySelector(".slug").innerText)`)
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
			if got := browsertest.Eval[string](t, ctx, fmt.Sprintf(`document.querySelector("#matrix thead th:nth-child(%d)").getAttribute("aria-sort")`, tc.col)); got != tc.sort {
				t.Errorf("column %d aria-sort = %q, want %q", tc.col, got, tc.sort)
			}
		}
		b.Shot(t, ctx, "dashboard-sorted")
		open(t, ctx, url, 1280, "dark")
		b.Shot(t, ctx, "dashboard-dark")
	})

	t.Run("dashboard/no-script", func(t *testing.T) {
		d := sampleDashboard()
		url := write(t, dir, "dashboard.html", func(w *bytes.Buffer) error { return WriteDashboard(w, d) })
		ctx := b.Tab(t, tabLimit)
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
		b.Shot(t, ctx, "dashboard-noscript")
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
			url := write(t, dir, p.name+".html", p.render)
			ctx := b.Tab(t, tabLimit)
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
			if got := browsertest.Eval[string](t, ctx, `document.title`); got != p.title {
				t.Errorf("%s: title = %q, want the literal %q", p.name, got, p.title)
			}
			if got := browsertest.Eval[string](t, ctx, `document.querySelector("h1").innerText`); got != p.title {
				t.Errorf("%s: h1 = %q, want the literal %q", p.name, got, p.title)
			}
			if got := browsertest.Eval[string](t, ctx, `document.body.innerText`); !strings.Contains(got, hostileAttr) {
				t.Errorf("%s: page text lacks the literal %q", p.name, hostileAttr)
			}
			if n := browsertest.Eval[int](t, ctx, `window.__alerts`); n != 0 {
				t.Errorf("%s: alert ran %d times", p.name, n)
			}
			if n := browsertest.Eval[int](t, ctx, `document.images.length`); n != 0 {
				t.Errorf("%s: %d <img> elements were created", p.name, n)
			}
			if n := browsertest.Eval[int](t, ctx, `document.scripts.length`); n != p.scripts {
				t.Errorf("%s: %d scripts, want %d", p.name, n, p.scripts)
			}
			handlers := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name))`)
			if len(handlers) > 0 {
				t.Errorf("%s: event handler attributes: %q", p.name, handlers)
			}
			bad := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("[href]")].map(e => e.getAttribute("href")).filter(h => /^\s*javascript:/i.test(h))`)
			if len(bad) > 0 {
				t.Errorf("%s: javascript: links survived: %q", p.name, bad)
			}
			b.Shot(t, ctx, p.name)
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
