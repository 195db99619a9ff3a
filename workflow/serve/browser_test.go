package serve

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tilmash/tilmash/workflow/internal/browsertest"
)

// tabLimit is how long a tab may take for its work.
const tabLimit = 60 * time.Second

// waitFor waits until the JavaScript expression is truthy in the tab.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	for try := 0; ; try++ {
		_, err := chromedp.Run(ctx, chromedp.Poll[any](expr, chromedp.WithPollingTimeout(15*time.Second)))
		if err == nil {
			return
		}
		if try < 10 && (strings.Contains(err.Error(), "navigated") || strings.Contains(err.Error(), "Cannot find context")) && ctx.Err() == nil {
			time.Sleep(200 * time.Millisecond) // the page was navigating
			continue
		}
		t.Fatalf("waiting for %s (%s): %v", what, expr, err)
	}
}

// keys types keys into the focused element of the tab.
func keys(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("typing: %v", err)
	}
}

var (
	ctrlEnter = chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl))
	ctrlDown  = chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierCtrl))
)

// openEditor logs the tab in with the access token and opens the editor
// of an article in a language, ready for keys.
func openEditor(t *testing.T, f *fixture, ctx context.Context, article, lang string) {
	t.Helper()
	browsertest.Open(t, ctx, f.ts.URL+"/edit/"+url.PathEscape(article)+"/"+lang+"?token="+testToken, chromedp.EmulateViewport(1280, 900))
	waitFor(t, ctx, "the editor", `document.body.dataset.ready === "true"`)
}

// evalAsync evaluates a JavaScript expression whose value is a promise of
// a number.
func evalAsync(t *testing.T, ctx context.Context, expr string) int {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// focusedID is the ID of the segment whose editor has the focus.
const focusedID = `document.activeElement.closest(".seg") ? document.activeElement.closest(".seg").dataset.id : ""`

func TestBrowserEditor(t *testing.T) {
	b := browsertest.Start(t)
	f := newFixture(t, nil)
	segs, _ := f.segments(t, "almaty", "kk")
	link, south := idOf(t, segs, "Almaty is"), idOf(t, segs, "It lies")

	t.Run("keyboard", func(t *testing.T) {
		overview := b.Tab(t, tabLimit)
		browsertest.Open(t, overview, f.ts.URL+"/?token="+testToken, chromedp.EmulateViewport(1280, 700))
		cell := `document.querySelector('td[data-article="almaty"][data-lang="kk"] .counts')`
		waitFor(t, overview, "the coverage matrix", cell+` && `+cell+`.textContent.startsWith("5 missing")`)

		ctx := b.Tab(t, tabLimit)
		openEditor(t, f, ctx, "almaty", "kk")
		if got := browsertest.Eval[string](t, ctx, focusedID); got != "title" {
			t.Fatalf("the editor opens on %q, want the first pending segment, the title", got)
		}
		keys(t, ctx, chromedp.KeyEvent("Алматы"), ctrlEnter)
		waitFor(t, ctx, "the title saved", `document.querySelector("#seg-title").dataset.state === "translated"`)
		if got := browsertest.Eval[string](t, ctx, focusedID); got != link {
			t.Fatalf("after Ctrl+Enter the focus is on %q, want the next pending segment %q", got, link)
		}
		// the link's placeholder must be kept: typed without it, the save is refused
		keys(t, ctx, chromedp.KeyEvent("Алматы Қазақстанның ең үлкен қаласы."), ctrlEnter)
		waitFor(t, ctx, "the refusal", `document.querySelector("#seg-`+link+` .findings").textContent.includes("placeholders")`)
		if strings.Contains(f.catalog(t, "almaty", "kk"), "ең үлкен") {
			t.Fatal("a translation without its placeholder was written")
		}
		keys(t, ctx, ctrlDown)
		if got := browsertest.Eval[string](t, ctx, focusedID); got != south {
			t.Fatalf("after Ctrl+Down the focus is on %q, want %q", got, south)
		}
		keys(t, ctx, chromedp.KeyEvent("Ол оңтүстікте орналасқан."), ctrlEnter)
		waitFor(t, ctx, "the second save", `document.querySelector("#seg-`+south+`").dataset.state === "translated"`)

		cat := f.catalog(t, "almaty", "kk")
		for _, want := range []string{"other = 'Алматы'", "other = 'Ол оңтүстікте орналасқан.'"} {
			if !strings.Contains(cat, want) {
				t.Errorf("the catalog on disk lacks %s:\n%s", want, cat)
			}
		}
		waitFor(t, ctx, "the progress bar", `document.querySelector("#progress").value === 2`)
		waitFor(t, overview, "the overview to follow", cell+`.textContent.startsWith("3 missing")`)
		b.Shot(t, overview, "serve-overview")
		b.Shot(t, ctx, "serve-editor")
	})

	t.Run("check as you type", func(t *testing.T) {
		ctx := b.Tab(t, tabLimit)
		openEditor(t, f, ctx, "almaty", "tr")
		trams := idOf(t, segs, "Trams")
		keys(t, ctx, chromedp.Focus("#seg-"+trams+" .edit"), chromedp.KeyEvent("Tramvaylar 2016 yılına kadar çalıştı."))
		waitFor(t, ctx, "findings", `document.querySelector("#seg-`+trams+` .findings").textContent.includes("numbers")`)
		keys(t, ctx, chromedp.Focus("#seg-"+link+" .edit"), chromedp.KeyEvent("Almatı"))
		waitFor(t, ctx, "findings", `document.querySelector("#seg-`+link+` .findings").textContent.includes("placeholders")`)
	})

	t.Run("conflict", func(t *testing.T) {
		aida, bek := b.Incognito(t, tabLimit), b.Incognito(t, tabLimit)
		openEditor(t, f, aida, "almaty", "ru")
		openEditor(t, f, bek, "almaty", "ru")
		keys(t, aida, chromedp.KeyEvent("Алматы (Аида)"))
		keys(t, bek, chromedp.KeyEvent("Алматы (Бек)"))
		keys(t, aida, ctrlEnter)
		waitFor(t, aida, "Aida's save", `document.querySelector("#seg-title").dataset.state === "translated"`)
		keys(t, bek, ctrlEnter)
		waitFor(t, bek, "the conflict", `!document.querySelector("#seg-title .conflict-box").hidden`)
		theirs := browsertest.Eval[string](t, bek, `document.querySelector("#seg-title .conflict-box .theirs .text").textContent`)
		yours := browsertest.Eval[string](t, bek, `document.querySelector("#seg-title .conflict-box .yours .text").textContent`)
		if theirs != "Алматы (Аида)" || yours != "Алматы (Бек)" {
			t.Errorf("conflict shows theirs %q and yours %q", theirs, yours)
		}
		if !strings.Contains(f.catalog(t, "almaty", "ru"), "Аида") || strings.Contains(f.catalog(t, "almaty", "ru"), "Бек") {
			t.Fatal("the second save was written over the first")
		}
		b.Shot(t, bek, "serve-conflict")
		if err := chromedp.Do(bek, chromedp.Click("#seg-title .keep-mine")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, bek, "Bek's save", `document.querySelector("#seg-title .conflict-box").hidden`)
		if !strings.Contains(f.catalog(t, "almaty", "ru"), "Бек") {
			t.Error("keep mine did not write")
		}
		log := f.call(t, nil, "GET", "/api/articles/almaty/ru/segments/title/log", testToken, nil)
		if !strings.Contains(log.raw, "Алматы (Аида)") || !strings.Contains(log.raw, "Алматы (Бек)") {
			t.Errorf("the history lacks a version: %s", log.raw)
		}
		// Aida's page follows the change on disk
		waitFor(t, aida, "Aida's page to follow", `document.querySelector("#seg-title .edit").textContent === "Алматы (Бек)"`)
	})

	t.Run("hostile translation", func(t *testing.T) {
		hostile := `<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> <b onmouseover=alert(1)>x</b>`
		r := f.call(t, nil, "PUT", "/api/articles/almaty/tr/segments/"+south, testToken, SaveRequest{Text: hostile, Base: "none"})
		if r.code != 200 {
			t.Fatalf("saving the hostile text = %d %s", r.code, r.raw)
		}
		ctx := b.Tab(t, tabLimit)
		openEditor(t, f, ctx, "almaty", "tr")
		if got := browsertest.Eval[string](t, ctx, `document.querySelector("#seg-`+south+` .edit").textContent`); got != hostile {
			t.Errorf("the editor shows %q, want the text as it is", got)
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("#segments img, #segments script, #segments b").length`); n != 0 {
			t.Errorf("%d elements made of a translation", n)
		}
		if err := chromedp.Do(ctx, chromedp.Click("#seg-"+south+" .show-history")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the history", `!document.querySelector("#seg-`+south+` .history").hidden`)
		if err := chromedp.Do(ctx, chromedp.Click("#preview-toggle")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		if got := browsertest.Eval[string](t, ctx, `String(window.pwned)`); got != "undefined" {
			t.Errorf("window.pwned = %s: the translation ran as script", got)
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("#segments img, #segments script, #segments b").length`); n != 0 {
			t.Errorf("%d elements made of a translation in the history", n)
		}
	})

	t.Run("no session", func(t *testing.T) {
		ctx := b.Incognito(t, tabLimit)
		browsertest.Open(t, ctx, f.ts.URL+"/edit/almaty/kk")
		if got := browsertest.Eval[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(got, "token") {
			t.Errorf("without a session the page says %q", got)
		}
		code := evalAsync(t, ctx, `(async () => (await fetch("/api/articles/almaty/kk/segments/title", {method: "PUT", body: JSON.stringify({text: "x", base: "none"})})).status)()`)
		if code != 401 {
			t.Errorf("a write without a session = %d, want 401", code)
		}
	})

	t.Run("no CSRF token", func(t *testing.T) {
		ctx := b.Incognito(t, tabLimit)
		openEditor(t, f, ctx, "almaty", "kk")
		code := evalAsync(t, ctx, `(async () => (await fetch("/api/articles/almaty/kk/segments/title", {method: "PUT", headers: {"Content-Type": "application/json"}, body: JSON.stringify({text: "x", base: "none"})})).status)()`)
		if code != 403 {
			t.Errorf("a write without the CSRF token = %d, want 403", code)
		}
	})
}

func TestBrowserTranslator(t *testing.T) {
	b := browsertest.Start(t)
	f := usersFixture(t)
	ctx := b.Tab(t, tabLimit)
	browsertest.Open(t, ctx, f.ts.URL+"/edit/almaty/kk", chromedp.EmulateViewport(1280, 900))
	waitFor(t, ctx, "the login page", `document.querySelector('input[name="name"]') !== null`)
	keys(t, ctx, chromedp.Focus(`input[name="name"]`), chromedp.KeyEvent("Aida"),
		chromedp.Focus(`input[name="password"]`), chromedp.KeyEvent("aida-pw"+kb.Enter))
	waitFor(t, ctx, "the login to go through", `location.pathname === "/edit/almaty/kk"`)
	waitFor(t, ctx, "the editor", `document.body.dataset.ready === "true"`)
	if got := browsertest.Eval[string](t, ctx, `document.body.dataset.mayWrite + " " + document.querySelector("#seg-title .edit").contentEditable`); got != "false false" {
		t.Errorf("a translator of ru gets %q in the kk editor, want it read-only", got)
	}
	write := evalAsync(t, ctx, `(async () => (await fetch("/api/articles/almaty/kk/segments/title", {method: "PUT", headers: {"Content-Type": "application/json", "X-CSRF-Token": document.body.dataset.csrf}, body: JSON.stringify({text: "Алматы", base: "none"})})).status)()`)
	approve := evalAsync(t, ctx, `(async () => (await fetch("/api/articles/almaty/ru/review", {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": document.body.dataset.csrf}, body: JSON.stringify({segments: ["title"]})})).status)()`)
	if write != 403 || approve != 403 {
		t.Errorf("a translator of ru writing kk = %d, approving ru = %d; want 403 both", write, approve)
	}
	if strings.Contains(f.catalog(t, "almaty", "kk"), "Алматы") {
		t.Error("the refused write reached the disk")
	}
}
