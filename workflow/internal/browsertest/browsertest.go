package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ShotsDir is where Shot copies the screenshots for people to look at; the
// tests also keep them in their temporary directory.
const ShotsDir = "/tmp/tilmash-shots"

// Find returns the path of a Chromium-family browser. Without one the test
// is skipped, unless TILMASH_REQUIRE_TOOLS=1 (set in CI) makes it fail.
func Find(t testing.TB) string {
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

// Browser is one headless Chromium shared by the subtests of a test.
type Browser struct {
	ctx   context.Context // a browser context; each tab opens under it
	shots string          // where Shot writes in the test directory
}

// Start starts headless Chromium with the flags this machine needs (root,
// no network) and a fresh profile in t.TempDir(); it is stopped at the end
// of t. Without Chromium the test is skipped or fails, as with Find.
func Start(t testing.TB) *Browser {
	t.Helper()
	path := Find(t)
	dir := t.TempDir()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
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
	)
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
	return &Browser{ctx: ctx, shots: shots}
}

// Tab opens a new tab that must finish its work within limit; it is closed
// at the end of t.
func (b *Browser) Tab(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx
}

// Open runs the steps before, such as setting the viewport, and then loads
// url (for example file:///…) in the tab ctx.
func Open(t testing.TB, ctx context.Context, url string, before ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, append(slices.Clip(before), chromedp.Navigate(url))...); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
}

// Shot takes a full-page screenshot of the tab ctx named name.png into the
// test directory and copies it to ShotsDir.
func (b *Browser) Shot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(ShotsDir, 0o755); err != nil {
		t.Logf("cannot keep screenshots in %s: %v", ShotsDir, err)
		return
	}
	if err := os.WriteFile(filepath.Join(ShotsDir, name+".png"), png, 0o644); err != nil {
		t.Logf("cannot keep screenshot in %s: %v", ShotsDir, err)
	}
}

// Eval evaluates the JavaScript expression expr in the tab ctx and decodes
// its value into a T.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}
