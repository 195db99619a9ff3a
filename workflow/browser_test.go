package workflow

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/internal/browsertest"
)

// tab opens a new tab in c with a time limit and a 1280×900 viewport,
// closed at the end of t. With trapAlerts, the tab ignores the pages'
// Content-Security-Policy (so that only escaping keeps scripts out) and
// counts calls of alert in window.__alerts.
func tab(t *testing.T, c *browsertest.Browser, trapAlerts bool) context.Context {
	t.Helper()
	ctx := c.Tab(t, 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	if trapAlerts {
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
	}
	return ctx
}

// openPage loads a file in ctx.
func openPage(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	browsertest.Open(t, ctx, "file://"+file)
}

// buildTo builds the workspace in dir with the options change makes to its
// defaults, writes the files to a new folder and returns it.
func buildTo(t *testing.T, dir string, change func(*BuildOptions)) (string, *Manifest) {
	t.Helper()
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := ws.BuildOptions()
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(&opts)
	}
	plan, m, err := ws.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := (DiskWriter{}).Apply(context.Background(), out, plan.Changes); err != nil {
		t.Fatal(err)
	}
	return out, m
}

// TestBrowserBuild builds the sample, a hostile translation, a fallback
// edition and the dashboard, opens them in headless Chromium and checks
// what a reader gets. Screenshots go to /tmp/tilmash-shots/build-*.png.
func TestBrowserBuild(t *testing.T) {
	c := browsertest.Start(t)

	t.Run("sample", func(t *testing.T) {
		ws := openRepo(t)
		out, m := buildTo(t, repoRoot, nil)
		st, err := ws.articleState("kazakhstan-turkey")
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "ru", "kk", "tr"} {
			t.Run(lang, func(t *testing.T) {
				tag := language.Make(lang)
				var title, first string
				if lang == "en" {
					title, first = st.units[0].Text, st.units[1].Text
				} else {
					states, err := ws.segmentStates(st, tag)
					if err != nil {
						t.Fatal(err)
					}
					title, first = states[0].Translation, states[1].Translation
				}
				file := filepath.Join(out, lang, "kazakhstan-turkey.html")
				ctx := tab(t, c, false)
				openPage(t, ctx, file)
				if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang`); got != lang {
					t.Errorf("lang = %q, want %q", got, lang)
				}
				if got := browsertest.Eval[string](t, ctx, `document.title`); got != title {
					t.Errorf("title = %q, want %q", got, title)
				}
				if got := browsertest.Eval[string](t, ctx, `document.querySelector("h1").innerText`); got != title {
					t.Errorf("h1 = %q, want %q", got, title)
				}
				if got := browsertest.Eval[string](t, ctx, `document.querySelector(".body p").innerText`); !strings.HasPrefix(got, first) {
					t.Errorf("first paragraph = %.120q, want it to start with %.120q", got, first)
				}
				kicker := browsertest.Eval[string](t, ctx, `document.querySelector(".kicker").innerText`)
				if want := map[string]string{"en": "ORIGINAL ARTICLE", "ru": "ПЕРЕВОД С АНГЛИЙСКОГО", "kk": "АҒЫЛШЫН ТІЛІНЕН АУДАРЫЛҒАН", "tr": "İNGİLİZCEDEN ÇEVRİLMİŞTİR"}[lang]; kicker != want {
					t.Errorf("kicker = %q, want %q", kicker, want)
				}
				meta := browsertest.Eval[string](t, ctx, `document.querySelector(".meta").innerText`)
				if want := map[string]string{"en": "Reading time: 4 minutes", "ru": "Время чтения: 4\u00a0минуты", "kk": "Оқу уақыты: 4\u00a0минут", "tr": "Okuma süresi: 4 dakika"}[lang]; meta != want {
					t.Errorf("meta = %q, want %q", meta, want)
				}
				if got := browsertest.Eval[bool](t, ctx, `!!document.querySelector(".notice")`); got {
					t.Errorf("a finished edition shows the fallback notice")
				}
				c.Shot(t, ctx, "build-"+lang)

				// Follow every hreflang link: the page there is in that
				// language and links back here.
				type alt struct{ Lang, Href string }
				alts := browsertest.Eval[[]alt](t, ctx, `[...document.querySelectorAll('link[rel=alternate]')].map(l => ({Lang: l.hreflang, Href: l.href}))`)
				var langs []string
				for _, a := range alts {
					langs = append(langs, a.Lang)
				}
				if !slices.Equal(langs, []string{"en", "ru", "kk", "tr"}) {
					t.Fatalf("hreflang = %q, want en ru kk tr", langs)
				}
				for _, a := range alts {
					if err := chromedp.Do(ctx, chromedp.Navigate(a.Href)); err != nil {
						t.Fatalf("following hreflang %s: %v", a.Lang, err)
					}
					if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang`); got != a.Lang {
						t.Errorf("hreflang=%s leads to a page in %q (%s)", a.Lang, got, a.Href)
					}
					back := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll('link[rel=alternate]')].map(l => l.href)`)
					if !slices.Contains(back, "file://"+file) {
						t.Errorf("the %s edition does not link back to %s: %q", a.Lang, file, back)
					}
				}
			})
		}
		t.Run("index", func(t *testing.T) {
			ctx := tab(t, c, false)
			openPage(t, ctx, filepath.Join(out, "tr", "index.html"))
			if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang + "|" + document.querySelector("h1").innerText`); got != "tr|Makaleler" {
				t.Errorf("tr index = %q", got)
			}
			href := browsertest.Eval[string](t, ctx, `document.querySelector(".entry h2 a").href`)
			if err := chromedp.Do(ctx, chromedp.Navigate(href)); err != nil {
				t.Fatal(err)
			}
			if got := browsertest.Eval[string](t, ctx, `document.title`); got != m.Editions[3].Title {
				t.Errorf("the index entry leads to %q, want %q", got, m.Editions[3].Title)
			}
			openPage(t, ctx, filepath.Join(out, "kk", "index.html"))
			c.Shot(t, ctx, "build-index-kk")
		})
	})

	t.Run("hostile", func(t *testing.T) {
		out, _ := buildTo(t, hostileWorkspace(t), nil)
		ctx := tab(t, c, true)
		openPage(t, ctx, filepath.Join(out, "ru", "a.html"))
		if n := browsertest.Eval[int](t, ctx, `window.__alerts`); n != 0 {
			t.Errorf("alert ran %d times", n)
		}
		if n := browsertest.Eval[int](t, ctx, `document.scripts.length + document.images.length`); n != 0 {
			t.Errorf("%d scripts and images", n)
		}
		if got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name))`); len(got) > 0 {
			t.Errorf("event handler attributes: %q", got)
		}
		if got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("[href]")].map(e => e.getAttribute("href")).filter(h => /^\s*javascript:/i.test(h))`); len(got) > 0 {
			t.Errorf("javascript: links: %q", got)
		}
		if got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".body *")].map(e => e.tagName)`); !slices.Equal(got, []string{"P", "STRONG", "H2", "P"}) {
			t.Errorf("body elements = %q, want P STRONG H2 P", got)
		}
		if got := browsertest.Eval[string](t, ctx, `document.querySelector("h1").innerText`); got != `<script>alert("title")</script> "Алматы" & <i>co</i>` {
			t.Errorf("h1 = %q, want the title literally", got)
		}
		body := browsertest.Eval[string](t, ctx, `document.querySelector(".body").innerText`)
		if want := "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** `code` <b>b</b> &amp; &lt;i&gt; enforged Almaty."; !strings.Contains(body, want) {
			t.Errorf("body = %q, want it to show %q", body, want)
		}
		c.Shot(t, ctx, "build-hostile")
	})

	t.Run("fallback", func(t *testing.T) {
		out, _ := buildTo(t, policyWorkspace(t), func(o *BuildOptions) { o.Fallback, o.MinCoverage = "source", 50 })
		ctx := tab(t, c, false)
		openPage(t, ctx, filepath.Join(out, "ru", "a.html"))
		if got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".body [lang]")].map(e => e.lang + ":" + e.innerText)`); !slices.Equal(got, []string{"en:He left on Tuesday."}) {
			t.Errorf("fallback spans = %q", got)
		}
		if got := browsertest.Eval[string](t, ctx, `document.querySelector(".notice").innerText`); !strings.HasPrefix(got, "Некоторые фрагменты") {
			t.Errorf("notice = %q", got)
		}
		c.Shot(t, ctx, "build-fallback-ru")
	})

	t.Run("dashboard", func(t *testing.T) {
		dir := sampleCopy(t)
		p := filepath.Join(dir, "articles", "kazakhstan-turkey.md")
		editFile(t, p, "Thanks to Allah, this did not happen, and it is wonderful", "Thanks to Allah, this did not happen, and it is good")
		editFile(t, p, "Now to these specific aspects.", "Now to the specific aspects that matter.")
		editFile(t, p, "And for that I thank you.", "")
		syncDir(t, dir)
		// A second article, only partly translated.
		writeTestFile(t, filepath.Join(dir, "articles", "almaty.md"), "+++\ntitle = \"Выделенные полосы в Алматы\"\nlang = \"ru\"\n+++\n\nВ Алматы открыли новые выделенные полосы. Автобусы ходят быстрее.\n")
		ws := syncDir(t, dir)
		writeTranslations(t, dir, "almaty", "en", func(id, s string) string {
			if strings.HasPrefix(s, "В Алматы") {
				return "Almaty opened new bus lanes."
			}
			return ""
		})
		html, err := ws.Dashboard(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "coverage.html")
		if err := os.WriteFile(file, html, 0o644); err != nil {
			t.Fatal(err)
		}
		ctx := tab(t, c, false)
		openPage(t, ctx, file)
		shape := browsertest.Eval[[]int](t, ctx, `[...document.querySelectorAll("#matrix tbody tr")].map(r => r.querySelectorAll("td.cell").length)`)
		if !slices.Equal(shape, []int{4, 4}) {
			t.Errorf("matrix rows × cells = %v, want 2 rows of 4", shape)
		}
		if got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#matrix tbody tr .slug")].map(e => e.innerText)`); !slices.Equal(got, []string{"almaty", "kazakhstan-turkey"}) {
			t.Errorf("articles = %q", got)
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("#matrix tfoot td.cell").length`); n != 4 {
			t.Errorf("totals row has %d cells, want 4", n)
		}
		dels := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("del")].map(e => e.innerText)`)
		ins := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("ins")].map(e => e.innerText)`)
		for _, w := range []string{"wonderful", "these"} {
			if !slices.Contains(dels, w) {
				t.Errorf("deletions %q lack %q", dels, w)
			}
		}
		for _, w := range []string{"good", "the", " that matter"} {
			if !slices.Contains(ins, w) {
				t.Errorf("insertions %q lack %q", ins, w)
			}
		}
		text := browsertest.Eval[string](t, ctx, `document.querySelector("#matrix").innerText`)
		for _, want := range []string{"Kazakhstan-Turkey", "Выделенные полосы в Алматы", "All articles", "Words pending"} {
			if !strings.Contains(text, want) {
				t.Errorf("the matrix lacks %q", want)
			}
		}
		c.Shot(t, ctx, "build-dashboard")
	})
}
