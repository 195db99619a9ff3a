package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tilmash/tilmash/workflow"
)

// articles are the fixture workspace's articles: one with a link (a
// placeholder), one in a nested folder, one written in Russian.
var articles = map[string]string{
	"articles/almaty.md": `+++
title = "Almaty"
lang = "en"
+++

Almaty is the largest city of [Kazakhstan](https://example.org/kz). It lies in the south.

The city has a metro. Trams ran until 2015.
`,
	"articles/news/floods.md": `+++
title = "Spring floods"
lang = "en"
+++

The rivers rose in April.
`,
	"articles/astana.md": `+++
title = "Астана"
lang = "ru"
+++

Астана — столица Казахстана.
`,
}

// newWorkspace makes a synced workspace in a temporary folder.
func newWorkspace(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{"tilmash.toml": "languages = [\"en\", \"ru\", \"kk\", \"tr\"]\narticles = \"articles\"\nlocales = \"locales\"\noutput = \"dist\"\n"}
	for k, v := range articles {
		files[k] = v
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := workflow.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	plan, _, err := ws.Sync(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Apply(context.Background(), workflow.DiskWriter{}, plan); err != nil {
		t.Fatal(err)
	}
	return root
}

// testToken is the access token of the fixture servers without users.
const testToken = "test-token-0123456789abcdef"

// fixture is a server over a fresh workspace.
type fixture struct {
	root string
	srv  *Server
	ts   *httptest.Server
}

// newFixture starts a server over a new workspace; users nil means the
// access token testToken.
func newFixture(t *testing.T, users []User) *fixture {
	t.Helper()
	root := newWorkspace(t)
	opts := Options{Root: root, Users: users, LocalName: "Local Tester", LockWait: 200 * time.Millisecond, Poll: 50 * time.Millisecond,
		Now: func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }}
	if users == nil {
		opts.Token = testToken
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{root: root, srv: srv, ts: ts}
}

// reply is an API answer.
type reply struct {
	code   int
	body   map[string]any
	raw    string
	header http.Header
}

// call makes a request with a bearer token (none when token is "") and
// optional extra headers given as name, value pairs.
func (f *fixture) call(t *testing.T, client *http.Client, method, path, token string, body any, headers ...string) reply {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, f.ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	r := reply{code: res.StatusCode, raw: string(data), header: res.Header}
	_ = json.Unmarshal(data, &r.body)
	return r
}

// browser is an HTTP client with a cookie jar that does not follow
// redirects: a browser as the tests need one.
func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var csrfRE = regexp.MustCompile(`data-csrf="([^"]+)"`)

// login trades the access token for a session and returns the session's
// CSRF token.
func (f *fixture) login(t *testing.T, c *http.Client) string {
	t.Helper()
	res, err := c.Get(f.ts.URL + "/?token=" + url.QueryEscape(testToken))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("GET /?token=… = %d, want 303", res.StatusCode)
	}
	return f.csrf(t, c)
}

// csrf reads the CSRF token from the overview page.
func (f *fixture) csrf(t *testing.T, c *http.Client) string {
	t.Helper()
	res, err := c.Get(f.ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	m := csrfRE.FindSubmatch(data)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("GET / = %d, no CSRF token in:\n%s", res.StatusCode, data)
	}
	return string(m[1])
}

// segments returns the segments of an article in a language by ID.
func (f *fixture) segments(t *testing.T, article, lang string) (map[string]map[string]any, []string) {
	t.Helper()
	r := f.call(t, nil, "GET", "/api/articles/"+url.PathEscape(article)+"/"+lang+"/segments", testToken, nil)
	if r.code != 200 {
		t.Fatalf("segments of %s in %s: %d %s", article, lang, r.code, r.raw)
	}
	out := map[string]map[string]any{}
	var ids []string
	for _, s := range r.body["segments"].([]any) {
		m := s.(map[string]any)
		out[m["id"].(string)] = m
		ids = append(ids, m["id"].(string))
	}
	return out, ids
}

// catalog reads a message file of the workspace.
func (f *fixture) catalog(t *testing.T, article, lang string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(f.root, "locales", lang, filepath.FromSlash(article)+"."+lang+".toml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// appendFile adds text at the end of a file.
func appendFile(name, text string) error {
	fl, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := fl.WriteString(text); err != nil {
		fl.Close()
		return err
	}
	return fl.Close()
}
