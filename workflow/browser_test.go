package workflow

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/language"
)

// shotsDir is where the browser tests copy their screenshots for people to
// look at; the tests also keep them in their temporary directory.
const shotsDir = "/tmp/tilmash-shots"

// chromium is one headless Chromium shared by the subtests of a test.
type chromium struct {
	ctx   context.Context
	shots string
}

// startChromium starts headless Chromium with the flags this machine needs
// (root, no network) and a fresh profile; it is stopped at the end of t.
// Without Chromium the test is skipped, unless TILMASH_REQUIRE_TOOLS=1
// (set in CI) makes it fail.
func startChromium(t *testing.T) *chromium {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		msg := "no Chromium found on PATH (looked for chromium, chromium-browser, google-chrome); install it with: apt-get install -y chromium"
		if os.Getenv("TILMASH_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg + " (TILMASH_REQUIRE_TOOLS=1)")
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	shots := filepath.Join(dir, "shots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return &chromium{ctx: ctx, shots: shots}
}

// tab opens a new tab with a time limit, closed at the end of t. With
// trapAlerts, the tab ignores the pages' Content-Security-Policy (so that
// only escaping keeps scripts out) and counts calls of alert in
// window.__alerts.
func (c *chromium) tab(t *testing.T, trapAlerts bool) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(c.ctx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
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
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatalf("opening %s: %v", file, err)
	}
}

// shot takes a full-page screenshot named name.png and copies it to
// shotsDir.
func (c *chromium) shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(c.shots, name+".png"), png, 0o644); err != nil {
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

// js evaluates a JavaScript expression in ctx and decodes its value.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
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
	if err := (DiskWriter{}).Apply(out, plan.Changes); err != nil {
		t.Fatal(err)
	}
	return out, m
}

// TestBrowserBuild builds the sample, a hostile translation, a fallback
// edition and the dashboard, opens them in headless Chromium and checks
// what a reader gets. Screenshots go to /tmp/tilmash-shots/build-*.png.
func TestBrowserBuild(t *testing.T) {
	c := startChromium(t)

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
				ctx := c.tab(t, false)
				openPage(t, ctx, file)
				if got := js[string](t, ctx, `document.documentElement.lang`); got != lang {
					t.Errorf("lang = %q, want %q", got, lang)
				}
				if got := js[string](t, ctx, `document.title`); got != title {
					t.Errorf("title = %q, want %q", got, title)
				}
				if got := js[string](t, ctx, `document.querySelector("h1").innerText`); got != title {
					t.Errorf("h1 = %q, want %q", got, title)
				}
				if got := js[string](t, ctx, `document.querySelector(".body p").innerText`); !strings.HasPrefix(got, first) {
					t.Errorf("first paragraph = %.120q, want it to start with %.120q", got, first)
				}
				kicker := js[string](t, ctx, `document.querySelector(".kicker").innerText`)
				if want := map[string]string{"en": "ORIGINAL ARTICLE", "ru": "ПЕРЕВОД С АНГЛИЙСКОГО", "kk": "АҒЫЛШЫН ТІЛІНЕН АУДАРЫЛҒАН", "tr": "İNGİLİZCEDEN ÇEVRİLMİŞTİR"}[lang]; kicker != want {
					t.Errorf("kicker = %q, want %q", kicker, want)
				}
				meta := js[string](t, ctx, `document.querySelector(".meta").innerText`)
				if want := map[string]string{"en": "Reading time: 4 minutes", "ru": "Время чтения: 3 минуты", "kk": "Оқу уақыты: 3 минут", "tr": "Okuma süresi: 3 dakika"}[lang]; meta != want {
					t.Errorf("meta = %q, want %q", meta, want)
				}
				if got := js[bool](t, ctx, `!!document.querySelector(".notice")`); got {
					t.Errorf("a finished edition shows the fallback notice")
				}
				c.shot(t, ctx, "build-"+lang)

				// Follow every hreflang link: the page there is in that
				// language and links back here.
				type alt struct{ Lang, Href string }
				alts := js[[]alt](t, ctx, `[...document.querySelectorAll('link[rel=alternate]')].map(l => ({Lang: l.hreflang, Href: l.href}))`)
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
					if got := js[string](t, ctx, `document.documentElement.lang`); got != a.Lang {
						t.Errorf("hreflang=%s leads to a page in %q (%s)", a.Lang, got, a.Href)
					}
					back := js[[]string](t, ctx, `[...document.querySelectorAll('link[rel=alternate]')].map(l => l.href)`)
					if !slices.Contains(back, "file://"+file) {
						t.Errorf("the %s edition does not link back to %s: %q", a.Lang, file, back)
					}
				}
			})
		}
		t.Run("index", func(t *testing.T) {
			ctx := c.tab(t, false)
			openPage(t, ctx, filepath.Join(out, "tr", "index.html"))
			if got := js[string](t, ctx, `document.documentElement.lang + "|" + document.querySelector("h1").innerText`); got != "tr|Makaleler" {
				t.Errorf("tr index = %q", got)
			}
			href := js[string](t, ctx, `document.querySelector(".entry h2 a").href`)
			if err := chromedp.Do(ctx, chromedp.Navigate(href)); err != nil {
				t.Fatal(err)
			}
			if got := js[string](t, ctx, `document.title`); got != m.Editions[3].Title {
				t.Errorf("the index entry leads to %q, want %q", got, m.Editions[3].Title)
			}
			openPage(t, ctx, filepath.Join(out, "kk", "index.html"))
			c.shot(t, ctx, "build-index-kk")
		})
	})

	t.Run("hostile", func(t *testing.T) {
		out, _ := buildTo(t, hostileWorkspace(t), nil)
		ctx := c.tab(t, true)
		openPage(t, ctx, filepath.Join(out, "ru", "a.html"))
		if n := js[int](t, ctx, `window.__alerts`); n != 0 {
			t.Errorf("alert ran %d times", n)
		}
		if n := js[int](t, ctx, `document.scripts.length + document.images.length`); n != 0 {
			t.Errorf("%d scripts and images", n)
		}
		if got := js[[]string](t, ctx, `[...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name))`); len(got) > 0 {
			t.Errorf("event handler attributes: %q", got)
		}
		if got := js[[]string](t, ctx, `[...document.querySelectorAll("[href]")].map(e => e.getAttribute("href")).filter(h => /^\s*javascript:/i.test(h))`); len(got) > 0 {
			t.Errorf("javascript: links: %q", got)
		}
		if got := js[[]string](t, ctx, `[...document.querySelectorAll(".body *")].map(e => e.tagName)`); !slices.Equal(got, []string{"P", "STRONG", "H2", "P"}) {
			t.Errorf("body elements = %q, want P STRONG H2 P", got)
		}
		if got := js[string](t, ctx, `document.querySelector("h1").innerText`); got != `<script>alert("title")</script> "Алматы" & <i>co</i>` {
			t.Errorf("h1 = %q, want the title literally", got)
		}
		body := js[string](t, ctx, `document.querySelector(".body").innerText`)
		if want := "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** `code` <b>b</b> &amp; &lt;i&gt; enforged Almaty."; !strings.Contains(body, want) {
			t.Errorf("body = %q, want it to show %q", body, want)
		}
		c.shot(t, ctx, "build-hostile")
	})

	t.Run("fallback", func(t *testing.T) {
		out, _ := buildTo(t, policyWorkspace(t), func(o *BuildOptions) { o.Fallback, o.MinCoverage = "source", 50 })
		ctx := c.tab(t, false)
		openPage(t, ctx, filepath.Join(out, "ru", "a.html"))
		if got := js[[]string](t, ctx, `[...document.querySelectorAll(".body [lang]")].map(e => e.lang + ":" + e.innerText)`); !slices.Equal(got, []string{"en:He left on Tuesday."}) {
			t.Errorf("fallback spans = %q", got)
		}
		if got := js[string](t, ctx, `document.querySelector(".notice").innerText`); !strings.HasPrefix(got, "Некоторые фрагменты") {
			t.Errorf("notice = %q", got)
		}
		c.shot(t, ctx, "build-fallback-ru")
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
		html, err := ws.Dashboard(Filter{})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "coverage.html")
		if err := os.WriteFile(file, html, 0o644); err != nil {
			t.Fatal(err)
		}
		ctx := c.tab(t, false)
		openPage(t, ctx, file)
		shape := js[[]int](t, ctx, `[...document.querySelectorAll("#matrix tbody tr")].map(r => r.querySelectorAll("td.cell").length)`)
		if !slices.Equal(shape, []int{4, 4}) {
			t.Errorf("matrix rows × cells = %v, want 2 rows of 4", shape)
		}
		if got := js[[]string](t, ctx, `[...document.querySelectorAll("#matrix tbody tr .slug")].map(e => e.innerText)`); !slices.Equal(got, []string{"almaty", "kazakhstan-turkey"}) {
			t.Errorf("articles = %q", got)
		}
		if n := js[int](t, ctx, `document.querySelectorAll("#matrix tfoot td.cell").length`); n != 4 {
			t.Errorf("totals row has %d cells, want 4", n)
		}
		dels := js[[]string](t, ctx, `[...document.querySelectorAll("del")].map(e => e.innerText)`)
		ins := js[[]string](t, ctx, `[...document.querySelectorAll("ins")].map(e => e.innerText)`)
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
		text := js[string](t, ctx, `document.querySelector("#matrix").innerText`)
		for _, want := range []string{"Kazakhstan-Turkey", "Выделенные полосы в Алматы", "All articles", "Words pending"} {
			if !strings.Contains(text, want) {
				t.Errorf("the matrix lacks %q", want)
			}
		}
		c.shot(t, ctx, "build-dashboard")
	})
}
