package serve

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// quickHash is an argon2id hash cheap enough for tests.
func quickHash(t *testing.T, password string) string {
	t.Helper()
	h, err := hashArgon2(password, 64, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestPasswords(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("HashPassword = %q", h)
	}
	b, err := bcrypt.GenerateFromPassword([]byte("battery staple"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		hash, password string
		ok             bool
	}{
		{h, "correct horse", true},
		{h, "correct horse ", false},
		{h, "", false},
		{string(b), "battery staple", true},
		{string(b), "battery", false},
		{dummyHash, "anything", false},
	} {
		if got := checkPassword(tc.hash, tc.password); got != tc.ok {
			t.Errorf("checkPassword(%.20s…, %q) = %v, want %v", tc.hash, tc.password, got, tc.ok)
		}
	}
	if err := checkHash(dummyHash); err != nil {
		t.Errorf("dummyHash: %v", err)
	}
	if a, b := NewToken(), NewToken(); a == b || len(a) < 40 {
		t.Errorf("tokens %q, %q", a, b)
	}
}

func TestParseUsers(t *testing.T) {
	good := quickHash(t, "pw")
	langs := []string{"en", "ru", "kk", "tr"}
	users, err := ParseUsers("users.toml", []byte(`
[[user]]
name = "Aida"
role = "translator"
languages = ["ru", "kk"]
password = "`+good+`"

[[user]]
name = "Erlan"
role = "editor"
password = "`+good+`"
token_sha256 = "`+strings.ToUpper(tokenHash("erlan-token"))+`"
`), langs)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 || !users[0].MayWrite("kk") || users[0].MayWrite("tr") || users[0].MayReview("kk") || !users[1].MayReview("tr") {
		t.Errorf("users = %+v", users)
	}
	if users[1].TokenSHA256 != tokenHash("erlan-token") {
		t.Error("token_sha256 not read in lower case")
	}
	for _, tc := range []struct{ name, file, want string }{
		{"empty", ``, "no users"},
		{"unknown key", "[[user]]\nname = \"A\"\nrole = \"editor\"\npasswd = \"x\"\n", `users.toml:4: unknown setting "user.passwd"`},
		{"bad TOML", "[[user]\n", "users.toml:1"},
		{"no name", "[[user]]\nrole = \"editor\"\npassword = \"" + good + "\"\n", "user 1: no name"},
		{"twice", "[[user]]\nname = \"A\"\nrole = \"editor\"\npassword = \"" + good + "\"\n[[user]]\nname = \"A\"\nrole = \"editor\"\npassword = \"" + good + "\"\n", "user 2 (A): the name is taken"},
		{"role", "[[user]]\nname = \"A\"\nrole = \"admin\"\npassword = \"" + good + "\"\n", `role "admin": use translator or editor`},
		{"language", "[[user]]\nname = \"A\"\nrole = \"editor\"\nlanguages = [\"de\"]\npassword = \"" + good + "\"\n", `language "de" is not one of the workspace's languages`},
		{"bad tag", "[[user]]\nname = \"A\"\nrole = \"editor\"\nlanguages = [\"not a tag\"]\npassword = \"" + good + "\"\n", "is not a language tag"},
		{"plain password", "[[user]]\nname = \"A\"\nrole = \"editor\"\npassword = \"secret\"\n", "not an argon2id or bcrypt hash"},
		{"no password", "[[user]]\nname = \"A\"\nrole = \"editor\"\n", "no password hash"},
		{"bad argon2", "[[user]]\nname = \"A\"\nrole = \"editor\"\npassword = \"$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$c2FsdHNhbHRzYWx0c2FsdA\"\n", "out of range"},
		{"bad token", "[[user]]\nname = \"A\"\nrole = \"editor\"\npassword = \"" + good + "\"\ntoken_sha256 = \"abc\"\n", "token_sha256 is not a SHA-256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseUsers("users.toml", []byte(tc.file), langs)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// usersFixture is a server with a translator of ru (with an API token)
// and an editor of every language.
func usersFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixture(t, []User{
		{Name: "Aida", Role: Translator, Languages: []string{"ru"}, Password: quickHash(t, "aida-pw"), TokenSHA256: tokenHash("aida-token")},
		{Name: "Erlan", Role: Editor, Password: quickHash(t, "erlan-pw")},
	})
}

// logIn sends the login form and returns the session's CSRF token.
func (f *fixture) logIn(t *testing.T, c *http.Client, name, password string) string {
	t.Helper()
	res, err := c.PostForm(f.ts.URL+"/login", url.Values{"name": {name}, "password": {password}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("login of %s = %d to %q, want 303 to /", name, res.StatusCode, res.Header.Get("Location"))
	}
	return f.csrf(t, c)
}

func TestUsers(t *testing.T) {
	f := usersFixture(t)

	t.Run("login", func(t *testing.T) {
		c := browser(t)
		res, err := c.Get(f.ts.URL + "/edit/almaty/ru")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
			t.Errorf("a page without a session = %d to %q, want the login page", res.StatusCode, res.Header.Get("Location"))
		}
		if res, _ := c.Get(f.ts.URL + "/?token=" + testToken); res.StatusCode != 303 || res.Header.Get("Location") == "/" {
			t.Errorf("?token= with a users file = %d to %q, want the login page", res.StatusCode, res.Header.Get("Location"))
		}
		for _, tc := range []struct{ name, password string }{{"Aida", "wrong"}, {"Nobody", "aida-pw"}, {"", ""}} {
			res, err := c.PostForm(f.ts.URL+"/login", url.Values{"name": {tc.name}, "password": {tc.password}})
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 401 || !strings.Contains(string(body), "Wrong name or password") {
				t.Errorf("login %s/%s = %d, want 401", tc.name, tc.password, res.StatusCode)
			}
		}
		req, _ := http.NewRequest("POST", f.ts.URL+"/login", strings.NewReader("name=Aida&password=aida-pw"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://evil.example")
		if res, err := c.Do(req); err != nil || res.StatusCode != 403 {
			t.Errorf("login from another site = %v %v, want 403", res.StatusCode, err)
		}
		csrf := f.logIn(t, c, "Aida", "aida-pw")
		if r := f.call(t, c, "GET", "/api/status", "", nil); r.code != 200 {
			t.Errorf("status after login = %d", r.code)
		}
		res, err = c.PostForm(f.ts.URL+"/logout", url.Values{"csrf": {"wrong"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 403 {
			t.Errorf("logout without CSRF = %d", res.StatusCode)
		}
		res, err = c.PostForm(f.ts.URL+"/logout", url.Values{"csrf": {csrf}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if r := f.call(t, c, "GET", "/api/status", "", nil); res.StatusCode != 303 || r.code != 401 {
			t.Errorf("after logout: %d, status %d", res.StatusCode, r.code)
		}
	})

	t.Run("translator", func(t *testing.T) {
		c := browser(t)
		csrf := f.logIn(t, c, "Aida", "aida-pw")
		for _, tc := range []struct {
			name, method, path string
			body               any
			want               int
		}{
			{"writes her language", "PUT", "/api/articles/almaty/ru/segments/title", SaveRequest{Text: "Алматы", Base: "none"}, 200},
			{"writes another language", "PUT", "/api/articles/almaty/kk/segments/title", SaveRequest{Text: "Алматы", Base: "none"}, 403},
			{"approves", "POST", "/api/articles/almaty/ru/review", ReviewRequest{Segments: []string{"title"}}, 403},
			{"reads another language", "GET", "/api/articles/almaty/kk/segments", nil, 200},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := f.call(t, c, tc.method, tc.path, "", tc.body, "X-CSRF-Token", csrf)
				if r.code != tc.want {
					t.Fatalf("%s %s = %d %s, want %d", tc.method, tc.path, r.code, r.raw, tc.want)
				}
				if tc.want == 403 && r.body["error"] != "forbidden" {
					t.Errorf("403 body: %s", r.raw)
				}
			})
		}
		if strings.Contains(f.catalog(t, "almaty", "kk"), "Алматы") {
			t.Error("a translator wrote another language")
		}
		if !strings.Contains(f.catalog(t, "almaty", "ru"), "Алматы") {
			t.Error("the translator's save is not on disk")
		}
		r := f.call(t, nil, "GET", "/api/articles/almaty/ru/segments/title/log", "aida-token", nil)
		if r.code != 200 || !strings.Contains(r.raw, `"by": "Aida"`) {
			t.Errorf("log = %d %s, want the save by Aida", r.code, r.raw)
		}
	})

	t.Run("bearer", func(t *testing.T) {
		if r := f.call(t, nil, "PUT", "/api/articles/almaty/ru/segments/title", "aida-token", SaveRequest{Text: "Алма-Ата", Base: "none"}); r.code != 409 {
			t.Errorf("save with a user's token = %d %s, want 409 (the translation changed)", r.code, r.raw)
		}
		if r := f.call(t, nil, "PUT", "/api/articles/almaty/tr/segments/title", "aida-token", SaveRequest{Text: "Almatı", Base: "none"}); r.code != 403 {
			t.Errorf("save into another language with a user's token = %d, want 403", r.code)
		}
		if r := f.call(t, nil, "GET", "/api/status", "erlan-token", nil); r.code != 401 {
			t.Errorf("a token not in the file = %d, want 401", r.code)
		}
		if r := f.call(t, nil, "GET", "/api/status", testToken, nil); r.code != 401 {
			t.Errorf("an access token with a users file = %d, want 401", r.code)
		}
	})

	t.Run("editor", func(t *testing.T) {
		c := browser(t)
		csrf := f.logIn(t, c, "Erlan", "erlan-pw")
		r := f.call(t, c, "POST", "/api/articles/almaty/ru/review", "", ReviewRequest{Segments: []string{"title"}}, "X-CSRF-Token", csrf)
		if r.code != 200 || r.body["approved"] != 1.0 {
			t.Fatalf("editor's approval = %d %s", r.code, r.raw)
		}
		log := f.call(t, nil, "GET", "/api/articles/almaty/ru/segments/title/log", "aida-token", nil)
		if log.body["state"] != "reviewed" {
			t.Errorf("state after approval: %s", log.raw)
		}
	})
}
