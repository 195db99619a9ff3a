package serve

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tilmash/tilmash/workflow/store"
)

// idOf returns the ID of the segment whose source starts with prefix.
func idOf(t *testing.T, segs map[string]map[string]any, prefix string) string {
	t.Helper()
	for id, s := range segs {
		if strings.HasPrefix(s["source"].(string), prefix) {
			return id
		}
	}
	t.Fatalf("no segment starts with %q", prefix)
	return ""
}

func TestAPIAuth(t *testing.T) {
	f := newFixture(t, nil)
	put := "/api/articles/almaty/kk/segments/title"
	body := SaveRequest{Text: "Алматы", Base: "none"}
	for _, tc := range []struct {
		name, method, path, token string
		body                      any
		headers                   []string
		want                      int
	}{
		{"status without a token", "GET", "/api/status", "", nil, nil, 401},
		{"status with a wrong token", "GET", "/api/status", "wrong", nil, nil, 401},
		{"status with basic auth", "GET", "/api/status", "", nil, []string{"Authorization", "Basic dXNlcjpwdw=="}, 401},
		{"segments without a token", "GET", "/api/articles/almaty/kk/segments", "", nil, nil, 401},
		{"save without a token", "PUT", put, "", body, nil, 401},
		{"save with a wrong token", "PUT", put, "wrong-token-0123456789", body, nil, 401},
		{"review without a token", "POST", "/api/articles/almaty/kk/review", "", ReviewRequest{Segments: []string{"title"}}, nil, 401},
		{"events without a token", "GET", "/api/events", "", nil, nil, 401},
		{"status with the token", "GET", "/api/status", testToken, nil, nil, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := f.call(t, nil, tc.method, tc.path, tc.token, tc.body, tc.headers...)
			if r.code != tc.want {
				t.Fatalf("%s %s = %d, want %d: %s", tc.method, tc.path, r.code, tc.want, r.raw)
			}
			if tc.want == 401 {
				if r.body["error"] != "unauthorized" || r.header.Get("WWW-Authenticate") == "" {
					t.Errorf("401 without error code or WWW-Authenticate: %v %s", r.header, r.raw)
				}
			}
		})
	}
	if strings.Contains(f.catalog(t, "almaty", "kk"), "Алматы") {
		t.Error("a refused write changed the catalog")
	}

	t.Run("pages", func(t *testing.T) {
		c := browser(t)
		res, err := c.Get(f.ts.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 401 {
			t.Errorf("GET / without a session = %d, want 401", res.StatusCode)
		}
		res, err = c.Get(f.ts.URL + "/?token=wrong")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 401 {
			t.Errorf("GET /?token=wrong = %d, want 401", res.StatusCode)
		}
		res, err = c.Get(f.ts.URL + "/edit/almaty/kk?token=" + testToken)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 303 || res.Header.Get("Location") != "/edit/almaty/kk" {
			t.Errorf("GET /edit/almaty/kk?token=… = %d to %q, want 303 to the page without the token", res.StatusCode, res.Header.Get("Location"))
		}
		ck := res.Header.Get("Set-Cookie")
		for _, want := range []string{cookieName + "=", "HttpOnly", "SameSite=Strict", "Path=/"} {
			if !strings.Contains(ck, want) {
				t.Errorf("Set-Cookie %q lacks %s", ck, want)
			}
		}
		res, err = c.Get(f.ts.URL + "/edit/almaty/kk")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("editor with the session = %d", res.StatusCode)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("CSP = %q: want scripts from the server only, nothing inline", csp)
		}
		for _, p := range []string{"/edit/nope/kk", "/edit/almaty/xx", "/edit/almaty/en"} {
			res, err := c.Get(f.ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 404 {
				t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
			}
		}
	})

	t.Run("csrf", func(t *testing.T) {
		c := browser(t)
		csrf := f.login(t, c)
		r := f.call(t, c, "PUT", put, "", body)
		if r.code != 403 || r.body["error"] != "forbidden" {
			t.Fatalf("session write without CSRF = %d %s, want 403", r.code, r.raw)
		}
		r = f.call(t, c, "PUT", put, "", body, "X-CSRF-Token", "wrong")
		if r.code != 403 {
			t.Fatalf("session write with a wrong CSRF token = %d, want 403", r.code)
		}
		r = f.call(t, c, "POST", "/api/articles/almaty/kk/review", "", ReviewRequest{Segments: []string{"title"}})
		if r.code != 403 {
			t.Fatalf("session review without CSRF = %d, want 403", r.code)
		}
		if strings.Contains(f.catalog(t, "almaty", "kk"), "Алматы") {
			t.Fatal("a write without CSRF changed the catalog")
		}
		r = f.call(t, c, "PUT", put, "", body, "X-CSRF-Token", csrf)
		if r.code != 200 {
			t.Fatalf("session write with CSRF = %d %s, want 200", r.code, r.raw)
		}
		if r := f.call(t, c, "GET", "/api/status", "", nil); r.code != 200 {
			t.Fatalf("session read = %d", r.code)
		}
	})
}

func TestAPIStatus(t *testing.T) {
	f := newFixture(t, nil)
	r := f.call(t, nil, "GET", "/api/status", testToken, nil)
	if r.code != 200 {
		t.Fatal(r.code, r.raw)
	}
	rows := r.body["rows"].([]any)
	if len(rows) != 9 { // 3 articles × 3 target languages
		t.Fatalf("%d rows, want 9: %s", len(rows), r.raw)
	}
	row := rows[0].(map[string]any)
	for _, k := range []string{"article", "lang", "segments", "missing", "stale", "translated", "reviewed", "words_pending", "conflicts"} {
		if _, ok := row[k]; !ok {
			t.Errorf("row lacks %q: %v", k, row)
		}
	}
	if r.header.Get("Content-Type") != "application/json; charset=utf-8" || r.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers: %v", r.header)
	}
	if r := f.call(t, nil, "GET", "/api/nothing", testToken, nil); r.code != 404 {
		t.Errorf("unknown endpoint = %d, want 404", r.code)
	}
	if r := f.call(t, nil, "DELETE", "/api/status", testToken, nil); r.code != 405 && r.code != 404 {
		t.Errorf("DELETE /api/status = %d, want 405", r.code)
	}
}

func TestAPISegments(t *testing.T) {
	f := newFixture(t, nil)
	segs, ids := f.segments(t, "almaty", "kk")
	if len(ids) != 5 || ids[0] != "title" {
		t.Fatalf("ids = %v, want the title and 4 sentences in order", ids)
	}
	link := segs[idOf(t, segs, "Almaty is")]
	if link["state"] != "missing" || link["base"] != "none" || link["translation"] != "" {
		t.Errorf("a new segment: %v", link)
	}
	if link["source"] != "Almaty is the largest city of <1>Kazakhstan</1>." {
		t.Errorf("source = %q", link["source"])
	}
	codes := link["codes"].([]any)
	if len(codes) != 1 || !strings.Contains(codes[0].(map[string]any)["close"].(string), "example.org") {
		t.Errorf("codes = %v", codes)
	}
	// an article in a folder, its name escaped
	if _, ids := f.segments(t, "news/floods", "tr"); len(ids) != 2 {
		t.Errorf("news/floods: %v", ids)
	}
	for _, tc := range []struct{ path, want string }{
		{"/api/articles/nope/kk/segments", "no article"},
		{"/api/articles/almaty/xx/segments", "no language"},
		{"/api/articles/almaty/en/segments", "is written in en"},
		{"/api/articles/astana/ru/segments", "is written in ru"},
	} {
		r := f.call(t, nil, "GET", tc.path, testToken, nil)
		if r.code != 404 || !strings.Contains(r.body["message"].(string), tc.want) {
			t.Errorf("GET %s = %d %s, want 404 saying %q", tc.path, r.code, r.raw, tc.want)
		}
	}
}

func TestAPISave(t *testing.T) {
	f := newFixture(t, nil)
	segs, _ := f.segments(t, "almaty", "ru")
	link := idOf(t, segs, "Almaty is")
	path := "/api/articles/almaty/ru/segments/"

	// 200: the new state, on disk, in the history with who made it
	r := f.call(t, nil, "PUT", path+link, testToken, SaveRequest{Text: "Алматы — крупнейший город <1>Казахстана</1>.", Base: "none"})
	if r.code != 200 {
		t.Fatalf("save = %d %s", r.code, r.raw)
	}
	seg := r.body["segment"].(map[string]any)
	if seg["state"] != "translated" || seg["translation"] != "Алматы — крупнейший город <1>Казахстана</1>." || seg["base"] == "none" {
		t.Errorf("saved segment: %v", seg)
	}
	if cov := r.body["coverage"].(map[string]any); cov["translated"] != 1.0 || cov["missing"] != 4.0 {
		t.Errorf("coverage: %v", cov)
	}
	if !strings.Contains(f.catalog(t, "almaty", "ru"), "Алматы — крупнейший город <1>Казахстана</1>.") {
		t.Error("the catalog does not hold the saved translation")
	}
	log := f.call(t, nil, "GET", path+link+"/log", testToken, nil)
	if log.code != 200 || !strings.Contains(log.raw, `"by": "Local Tester"`) {
		t.Errorf("log = %d %s, want the save by Local Tester", log.code, log.raw)
	}
	base := seg["base"].(string)

	// 409: a save based on what the segment no longer holds
	r = f.call(t, nil, "PUT", path+link, testToken, SaveRequest{Text: "Алма-Ата — крупнейший город <1>Казахстана</1>.", Base: "none"})
	if r.code != 409 || r.body["error"] != "conflict" {
		t.Fatalf("stale save = %d %s, want 409", r.code, r.raw)
	}
	if r.body["current"] != "Алматы — крупнейший город <1>Казахстана</1>." || r.body["yours"] != "Алма-Ата — крупнейший город <1>Казахстана</1>." || r.body["current_base"] != base {
		t.Errorf("conflict body: %s", r.raw)
	}
	if strings.Contains(f.catalog(t, "almaty", "ru"), "Алма-Ата") {
		t.Error("a conflict was written")
	}
	// keeping one's own after all: the current base
	r = f.call(t, nil, "PUT", path+link, testToken, SaveRequest{Text: "Алма-Ата — крупнейший город <1>Казахстана</1>.", Base: base})
	if r.code != 200 {
		t.Fatalf("save on the current base = %d %s", r.code, r.raw)
	}

	// 422: refused as push refuses, nothing written
	for _, tc := range []struct{ name, text, want string }{
		{"placeholder lost", "Алматы — крупнейший город Казахстана.", "placeholders"},
		{"placeholder broken", "Алматы — крупнейший город <1>Казахстана.", "placeholders"},
		{"placeholder added", "Алматы <1>город</1> <2/>.", "not in the source"},
		{"empty", "  ", "empty"},
		{"control character", "Алматы\x07 <1>город</1>.", "control character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.catalog(t, "almaty", "ru")
			r := f.call(t, nil, "PUT", path+link, testToken, SaveRequest{Text: tc.text, Base: "none"})
			if r.code != 422 || r.body["error"] != "invalid" || !strings.Contains(r.raw, tc.want) {
				t.Fatalf("save %q = %d %s, want 422 about %s", tc.text, r.code, r.raw, tc.want)
			}
			if len(r.body["problems"].([]any)) == 0 {
				t.Error("422 without problems")
			}
			if f.catalog(t, "almaty", "ru") != before {
				t.Error("a refused save changed the catalog")
			}
		})
	}

	// 404, 400, 413
	for _, tc := range []struct {
		name, path string
		body       any
		want       int
	}{
		{"unknown segment", path + "no-such-segment", SaveRequest{Text: "x", Base: "none"}, 404},
		{"unknown article", "/api/articles/nope/ru/segments/title", SaveRequest{Text: "x", Base: "none"}, 404},
		{"source language", "/api/articles/almaty/en/segments/title", SaveRequest{Text: "x", Base: "none"}, 404},
		{"not JSON", path + "title", "text=x", 400},
		{"unknown field", path + "title", `{"text": "x", "bas": "none"}`, 400},
		{"two values", path + "title", `{"text": "x"} {}`, 400},
		{"too large", path + "title", `{"text": "` + strings.Repeat("x", maxBody) + `"}`, 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := f.call(t, nil, "PUT", tc.path, testToken, tc.body); r.code != tc.want {
				t.Errorf("PUT %s = %d %s, want %d", tc.path, r.code, r.raw, tc.want)
			}
		})
	}

	// 503: another command holds the workspace lock
	t.Run("locked", func(t *testing.T) {
		l, err := store.Acquire(context.Background(), f.root, store.Exclusive, 0, "tilmash push", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Release()
		r := f.call(t, nil, "PUT", path+"title", testToken, SaveRequest{Text: "Алматы", Base: "none"})
		if r.code != 503 || r.body["error"] != "locked" || r.header.Get("Retry-After") == "" {
			t.Fatalf("save under another command's lock = %d %s, want 503", r.code, r.raw)
		}
	})
}

func TestAPIReview(t *testing.T) {
	f := newFixture(t, nil)
	path := "/api/articles/almaty/kk/"
	if r := f.call(t, nil, "PUT", path+"segments/title", testToken, SaveRequest{Text: "Алматы", Base: "none"}); r.code != 200 {
		t.Fatal(r.code, r.raw)
	}
	segs, _ := f.segments(t, "almaty", "kk")
	south := idOf(t, segs, "It lies")
	r := f.call(t, nil, "POST", path+"review", testToken, ReviewRequest{Segments: []string{"title", south}})
	if r.code != 200 {
		t.Fatalf("review = %d %s", r.code, r.raw)
	}
	if r.body["approved"] != 1.0 || len(r.body["skipped"].([]any)) != 1 {
		t.Errorf("review: %s", r.raw)
	}
	if s := r.body["segments"].([]any)[0].(map[string]any); s["id"] != "title" || s["state"] != "reviewed" {
		t.Errorf("approved segment: %v", s)
	}
	if r := f.call(t, nil, "POST", path+"review", testToken, ReviewRequest{Segments: []string{"title"}}); r.code != 200 || r.body["already"] != 1.0 {
		t.Errorf("second approval = %d %s", r.code, r.raw)
	}
	for _, tc := range []struct {
		name string
		body any
		want int
	}{
		{"no segments", ReviewRequest{}, 400},
		{"unknown segment", ReviewRequest{Segments: []string{"nope"}}, 422},
		{"not JSON", "title", 400},
	} {
		if r := f.call(t, nil, "POST", path+"review", testToken, tc.body); r.code != tc.want {
			t.Errorf("%s: review = %d %s, want %d", tc.name, r.code, r.raw, tc.want)
		}
	}
	if r := f.call(t, nil, "POST", "/api/articles/almaty/en/review", testToken, ReviewRequest{Segments: []string{"title"}}); r.code != 404 {
		t.Errorf("review of the source language = %d, want 404", r.code)
	}
}

func TestAPICheck(t *testing.T) {
	f := newFixture(t, nil)
	segs, _ := f.segments(t, "almaty", "tr")
	link := idOf(t, segs, "Almaty is")
	path := "/api/articles/almaty/tr/check"
	r := f.call(t, nil, "POST", path, testToken, CheckRequest{ID: link, Text: "Almatı, Kazakistan'ın en büyük şehridir"})
	if r.code != 200 {
		t.Fatal(r.code, r.raw)
	}
	if !strings.Contains(r.raw, `"check": "push"`) || !strings.Contains(r.raw, "placeholders") || !strings.Contains(r.raw, `"check": "punctuation"`) {
		t.Errorf("findings: %s", r.raw)
	}
	r = f.call(t, nil, "POST", path, testToken, CheckRequest{ID: link, Text: "Almatı, <1>Kazakistan</1>'ın en büyük şehridir."})
	if r.code != 200 || len(r.body["findings"].([]any)) != 0 {
		t.Errorf("a good translation: %d %s", r.code, r.raw)
	}
	if strings.Contains(f.catalog(t, "almaty", "tr"), "Almatı") {
		t.Error("check wrote the translation")
	}
	if r := f.call(t, nil, "POST", path, testToken, CheckRequest{ID: "nope", Text: "x"}); r.code != 404 {
		t.Errorf("check of an unknown segment = %d", r.code)
	}
	if r := f.call(t, nil, "POST", path, testToken, "x"); r.code != 400 {
		t.Errorf("check of no JSON = %d", r.code)
	}
}

func TestAPILog(t *testing.T) {
	f := newFixture(t, nil)
	path := "/api/articles/almaty/kk/segments/title"
	if r := f.call(t, nil, "GET", path+"/log", testToken, nil); r.code != 200 || len(r.body["versions"].([]any)) != 0 {
		t.Errorf("log of an untranslated segment = %d %s", r.code, r.raw)
	}
	f.call(t, nil, "PUT", path, testToken, SaveRequest{Text: "Алматы", Base: "none"})
	r := f.call(t, nil, "PUT", path, testToken, SaveRequest{Text: "Алма-Ата", Base: "none"})
	if r.code != 409 {
		t.Fatalf("second save on base none = %d", r.code)
	}
	r = f.call(t, nil, "PUT", path, testToken, SaveRequest{Text: "Алма-Ата", Base: r.body["current_base"].(string)})
	if r.code != 200 {
		t.Fatal(r.code, r.raw)
	}
	r = f.call(t, nil, "GET", path+"/log", testToken, nil)
	vs := r.body["versions"].([]any)
	if r.code != 200 || len(vs) != 2 || vs[0].(map[string]any)["text"] != "Алматы" || vs[1].(map[string]any)["current"] != true {
		t.Errorf("log = %d %s", r.code, r.raw)
	}
	if r := f.call(t, nil, "GET", "/api/articles/almaty/kk/segments/nope/log", testToken, nil); r.code != 404 {
		t.Errorf("log of an unknown segment = %d", r.code)
	}
}

func TestAPIEvents(t *testing.T) {
	f := newFixture(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", f.ts.URL+"/api/events", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	sc := bufio.NewScanner(res.Body)
	next := func() string {
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				return v
			}
		}
		t.Fatalf("no event: %v", sc.Err())
		return ""
	}
	first := next()
	f.call(t, nil, "PUT", "/api/articles/almaty/kk/segments/title", testToken, SaveRequest{Text: "Алматы", Base: "none"})
	if second := next(); second == first {
		t.Errorf("the same version after a save: %s", second)
	}
	// a change made by another command, on disk
	third := make(chan string, 1)
	go func() { third <- next() }()
	time.Sleep(100 * time.Millisecond)
	if err := appendFile(f.root+"/articles/almaty.md", "\nA new paragraph.\n"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-third:
	case <-time.After(5 * time.Second):
		t.Fatal("no event after an article changed on disk")
	}
}

func TestPreview(t *testing.T) {
	f := newFixture(t, nil)
	f.call(t, nil, "PUT", "/api/articles/almaty/kk/segments/title", testToken, SaveRequest{Text: "Алматы <b>қаласы</b>", Base: "none"})
	c := browser(t)
	f.login(t, c)
	res, err := c.Get(f.ts.URL + "/preview/" + url.PathEscape("almaty") + "/kk")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var sb strings.Builder
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		sb.WriteString(sc.Text() + "\n")
	}
	page := sb.String()
	if res.StatusCode != 200 || !strings.Contains(page, `lang="kk"`) || !strings.Contains(page, "Алматы &lt;b&gt;қаласы&lt;/b&gt;") {
		t.Errorf("preview = %d:\n%.2000s", res.StatusCode, page)
	}
	if !strings.Contains(page, "It lies in the south.") {
		t.Error("the preview does not fill untranslated segments with the source")
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || strings.Contains(csp, "script-src") {
		t.Errorf("preview CSP = %q", csp)
	}
}

func TestCheckAddr(t *testing.T) {
	for _, tc := range []struct {
		addr  string
		users bool
		ok    bool
	}{
		{"127.0.0.1:8080", false, true},
		{"127.0.0.1:0", false, true},
		{"localhost:8080", false, true},
		{"[::1]:8080", false, true},
		{"0.0.0.0:0", false, false},
		{":8080", false, false},
		{"[::]:8080", false, false},
		{"192.168.1.5:8080", false, false},
		{"0.0.0.0:8080", true, true},
		{"192.168.1.5:8080", true, true},
		{"127.0.0.1", false, false},
	} {
		err := CheckAddr(tc.addr, tc.users)
		if (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%q, users %v) = %v, want ok %v", tc.addr, tc.users, err, tc.ok)
		}
	}
}
