package serve

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// cookieName is the session cookie.
const cookieName = "tilmash_session"

// sessionLife is how long a session lasts without a request.
const sessionLife = 12 * time.Hour

// session is a logged-in browser.
type session struct {
	user    *User
	csrf    string // sent back by the page with every write
	expires time.Time
}

// sessions are the server's sessions, in memory: a restart logs everyone out.
type sessions struct {
	mu  sync.Mutex
	m   map[string]*session
	now func() time.Time
}

func newSessions(now func() time.Time) *sessions {
	return &sessions{m: map[string]*session{}, now: now}
}

// start opens a session for u and returns its ID.
func (ss *sessions) start(u *User) (string, *session) {
	id := NewToken()
	s := &session{user: u, csrf: NewToken(), expires: ss.now().Add(sessionLife)}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for k, v := range ss.m { // forget the expired ones
		if ss.now().After(v.expires) {
			delete(ss.m, k)
		}
	}
	ss.m[id] = s
	return id, s
}

// get returns the live session with the ID, extending it.
func (ss *sessions) get(id string) *session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s, ok := ss.m[id]
	if !ok {
		return nil
	}
	if ss.now().After(s.expires) {
		delete(ss.m, id)
		return nil
	}
	s.expires = ss.now().Add(sessionLife)
	return s
}

func (ss *sessions) end(id string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.m, id)
}

func setSessionCookie(w http.ResponseWriter, r *http.Request, id string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: cookieName, Value: id, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
	})
}

// caller is who makes a request, and how.
type caller struct {
	user    *User
	session *session // nil for a bearer token
	id      string   // the session's ID
	// bad is set when the request carries credentials that are wrong.
	bad string
}

// who finds the caller of a request: a bearer token first, then the
// session cookie. A wrong bearer token is never passed over for a cookie.
func (s *Server) who(r *http.Request) caller {
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return caller{bad: "the Authorization header is not \"Bearer TOKEN\""}
		}
		if u := s.tokenUser(strings.TrimSpace(tok)); u != nil {
			return caller{user: u}
		}
		return caller{bad: "the bearer token is wrong"}
	}
	if c, err := r.Cookie(cookieName); err == nil {
		if ss := s.sessions.get(c.Value); ss != nil {
			return caller{user: ss.user, session: ss, id: c.Value}
		}
	}
	return caller{}
}

// tokenUser returns the user of an access token, or nil.
func (s *Server) tokenUser(tok string) *User {
	if tok == "" {
		return nil
	}
	if s.local != nil {
		if subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.Token)) == 1 {
			return s.local
		}
		return nil
	}
	sum := []byte(tokenHash(tok))
	var found *User
	for i := range s.opts.Users {
		u := &s.opts.Users[i]
		if u.TokenSHA256 != "" && subtle.ConstantTimeCompare(sum, []byte(u.TokenSHA256)) == 1 {
			found = u
		}
	}
	return found
}

// writes reports whether a request method may change something.
func writes(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// csrfOK reports whether a write through a session carries its CSRF
// token, in the X-CSRF-Token header or (forms) the csrf field.
func csrfOK(r *http.Request, ss *session) bool {
	tok := r.Header.Get("X-CSRF-Token")
	if tok == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		tok = r.PostFormValue("csrf")
	}
	return tok != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(ss.csrf)) == 1
}

// api wraps an API handler: 401 without a session or a right token, 403
// for a write through a session without its CSRF token.
func (s *Server) api(h func(http.ResponseWriter, *http.Request, *User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := s.who(r)
		switch {
		case c.bad != "":
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "unauthorized", c.bad+": use the token tilmash serve printed, or one from the users file")
			return
		case c.user == nil:
			w.Header().Set("WWW-Authenticate", "Bearer")
			writeError(w, http.StatusUnauthorized, "unauthorized", "no session and no token: open the address tilmash serve printed, log in, or send Authorization: Bearer TOKEN")
			return
		case c.session != nil && writes(r.Method) && !csrfOK(r, c.session):
			writeError(w, http.StatusForbidden, "forbidden", "the request has no valid CSRF token (X-CSRF-Token): reload the page")
			return
		}
		h(w, r, c.user)
	}
}

// page wraps a page handler: a ?token= of the access token opens a session
// and comes back without it; without a session, the login page (users
// file) or a 401 page that says where the address with the token is.
func (s *Server) page(h func(http.ResponseWriter, *http.Request, *pageData)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if tok := r.URL.Query().Get("token"); tok != "" && s.local != nil {
			if s.tokenUser(tok) == nil {
				s.pages.render(w, http.StatusUnauthorized, "denied.html", &pageData{Title: "Wrong token", Message: "The token in the address is wrong. Open the address tilmash serve printed when it started."})
				return
			}
			id, _ := s.sessions.start(s.local)
			setSessionCookie(w, r, id, 0)
			q := r.URL.Query()
			q.Del("token")
			u := url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: q.Encode()}
			http.Redirect(w, r, u.String(), http.StatusSeeOther)
			return
		}
		c := s.who(r)
		if c.session == nil {
			if s.local == nil {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.pages.render(w, http.StatusUnauthorized, "denied.html", &pageData{Title: "Open the workbench with its token", Message: "Open the address tilmash serve printed when it started (it ends with ?token=…): it logs this browser in."})
			return
		}
		d := &pageData{User: c.user, CSRF: c.session.csrf, Langs: s.langs, LoggedIn: s.local == nil}
		h(w, r, d)
	}
}

// login checks a name and a password from the login form.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.local != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		if u, err := url.Parse(o); err != nil || u.Host != r.Host {
			s.loginPage(w, r, "The login form was sent from another site.", http.StatusForbidden)
			return
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	name, password := strings.TrimSpace(r.PostFormValue("name")), r.PostFormValue("password")
	var found *User
	for i := range s.opts.Users {
		if s.opts.Users[i].Name == name {
			found = &s.opts.Users[i]
		}
	}
	if found == nil || !checkPassword(found.Password, password) {
		if found == nil {
			checkPassword(dummyHash, password) // take as long as for a user
		}
		s.loginPage(w, r, "Wrong name or password.", http.StatusUnauthorized)
		return
	}
	id, _ := s.sessions.start(found)
	setSessionCookie(w, r, id, 0)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

// dummyHash is checked for unknown names, so that a wrong name takes as
// long as a wrong password.
const dummyHash = "$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$8y8Hn5d1yq9FQ4cSZ4lT6rXc9Yy3uQjW0m6Yc3y3yQ4"

// safeNext returns where to go after logging in: a path of this server.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request, msg string, code int) {
	if s.local != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.pages.render(w, code, "login.html", &pageData{Title: "Log in", Message: msg, Next: safeNext(r.FormValue("next"))})
}

// logout ends the session (a form with the CSRF token).
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	c := s.who(r)
	if c.session == nil || !csrfOK(r, c.session) {
		http.Error(w, "403 forbidden: no session or no CSRF token", http.StatusForbidden)
		return
	}
	s.sessions.end(c.id)
	setSessionCookie(w, r, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
