package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Incognito opens a tab in a browser context of its own: its cookies and
// storage are apart from every other tab's, as another person's browser
// would be. It must finish its work within limit and is closed at the end
// of t.
func (b *Browser) Incognito(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx
}
