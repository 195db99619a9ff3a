package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

// Options configure a Server.
type Options struct {
	// Root is the workspace folder.
	Root string
	// Users are the people who may log in (ParseUsers); nil means one
	// access token, Token, for whoever has it.
	Users []User
	// Token is the access token when there are no Users.
	Token string
	// LocalName is the name written into the history for saves made with
	// Token; "serve" when empty.
	LocalName string
	// Writer carries out the plans of saves and approvals;
	// workflow.DiskWriter when nil.
	Writer workflow.Writer
	// Now tells the time of saves and approvals; time.Now when nil.
	Now func() time.Time
	// LockWait is how long a request waits for another command's lock on
	// the workspace; 10 seconds when zero.
	LockWait time.Duration
	// Poll is how often the files are looked at for the live pages; one
	// second when zero.
	Poll time.Duration
}

// Server is the workbench: an http.Handler over one workspace.
type Server struct {
	opts     Options
	mux      *http.ServeMux
	sessions *sessions
	local    *User // the user of Token, when there are no Users
	// writes serializes the server's own writes; the workspace lock keeps
	// them apart from other commands.
	writes sync.Mutex
	watch  *watcher
	langs  []string
	pages  *pages
}

// New checks the workspace at opts.Root and returns its server.
func New(opts Options) (*Server, error) {
	if opts.Users == nil && len(opts.Token) < 16 {
		return nil, errors.New("serve: no users and no access token (of at least 16 characters)")
	}
	if opts.Writer == nil {
		opts.Writer = workflow.DiskWriter{}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.LockWait == 0 {
		opts.LockWait = 10 * time.Second
	}
	if opts.Poll == 0 {
		opts.Poll = time.Second
	}
	if opts.LocalName == "" {
		opts.LocalName = "serve"
	}
	ws, err := workflow.Open(opts.Root)
	if err != nil {
		return nil, err
	}
	langs := append([]string(nil), ws.Config.Languages...)
	for i, t := range ws.Langs {
		langs[i] = t.String()
	}
	_ = ws.Close() // only read
	s := &Server{
		opts:     opts,
		mux:      http.NewServeMux(),
		sessions: newSessions(opts.Now),
		watch:    newWatcher(opts.Root, opts.Poll),
		langs:    langs,
	}
	if opts.Users == nil {
		s.local = &User{Name: opts.LocalName, Role: Editor}
	}
	if err := s.routes(); err != nil {
		return nil, err
	}
	return s, nil
}

// routes registers the handlers.
func (s *Server) routes() error {
	var err error
	if s.pages, err = loadPages(); err != nil {
		return err
	}
	m := s.mux
	m.HandleFunc("GET /{$}", s.page(s.overview))
	m.HandleFunc("GET /edit/{article}/{lang}", s.page(s.editor))
	m.HandleFunc("GET /preview/{article}/{lang}", s.page(s.preview))
	m.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) { s.loginPage(w, r, "", http.StatusOK) })
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.logout)
	m.Handle("GET /assets/", assetHandler())

	m.HandleFunc("GET /api/status", s.api(s.apiStatus))
	m.HandleFunc("GET /api/articles/{article}/{lang}/segments", s.api(s.apiSegments))
	m.HandleFunc("PUT /api/articles/{article}/{lang}/segments/{id}", s.api(s.apiSave))
	m.HandleFunc("POST /api/articles/{article}/{lang}/review", s.api(s.apiReview))
	m.HandleFunc("POST /api/articles/{article}/{lang}/check", s.api(s.apiCheck))
	m.HandleFunc("GET /api/articles/{article}/{lang}/segments/{id}/log", s.api(s.apiLog))
	m.HandleFunc("GET /api/events", s.api(s.apiEvents))
	m.HandleFunc("/api/", s.api(func(w http.ResponseWriter, r *http.Request, _ *User) {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no API endpoint %s %s: see the API in the README", r.Method, r.URL.Path))
	}))
	return nil
}

// csp is the Content-Security-Policy of the pages and the API: scripts,
// styles and connections from the server itself, nothing inline.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// ServeHTTP serves a request, with the security headers every response has.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	s.mux.ServeHTTP(w, r)
}

// Run serves on ln until ctx is done, then shuts down: requests under way
// get a few seconds to finish, event streams end at once.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	<-done
	return err
}

// CheckAddr refuses to listen on addr (HOST:PORT) when it is not a
// loopback address and there is no users file: the access token alone is
// for one person on one machine.
func CheckAddr(addr string, users bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %v: give HOST:PORT, e.g. 127.0.0.1:8080", addr, err)
	}
	if users || isLoopback(host) {
		return nil
	}
	what := host
	if host == "" || host == "0.0.0.0" || host == "::" {
		what = "every network interface"
	}
	return fmt.Errorf("--addr %s would listen on %s, where anyone on the network could reach the workbench: without --users it serves only a loopback address (127.0.0.1, ::1, localhost); give --users users.toml to let people log in from elsewhere", addr, what)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// open opens the workspace and takes its lock in mode; done releases both.
func (s *Server) open(ctx context.Context, mode store.Mode) (*workflow.Workspace, func(), error) {
	ws, err := workflow.Open(s.opts.Root)
	if err != nil {
		return nil, nil, err
	}
	release, err := ws.Lock(ctx, workflow.LockOptions{Mode: mode, Wait: s.opts.LockWait, Command: "tilmash serve"})
	if err != nil {
		_ = ws.Close()
		return nil, nil, err
	}
	return ws, func() {
		_ = release()
		_ = ws.Close()
	}, nil
}

// apiError is the body of every error response of the API.
type apiError struct {
	// Error is a stable code: unauthorized, forbidden, not_found,
	// bad_request, invalid, conflict, locked, internal.
	Error   string `json:"error"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client went away
}

func writeError(w http.ResponseWriter, code int, kind, msg string) {
	writeJSON(w, code, apiError{Error: kind, Message: msg})
}

// fail answers an error of the workspace with the status it calls for.
func fail(w http.ResponseWriter, r *http.Request, err error) {
	var le *store.LockedError
	var pe *workflow.PushError
	var re *workflow.ReviewError
	var he *httpError
	switch {
	case errors.As(err, &he):
		writeError(w, he.code, he.kind, he.msg)
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// the client went away
	case errors.As(err, &le):
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "locked", err.Error())
	case errors.As(err, &pe):
		writeJSON(w, http.StatusUnprocessableEntity, invalidBody{Error: "invalid", Message: err.Error(), Problems: pe.Rejections})
	case errors.As(err, &re):
		writeError(w, http.StatusUnprocessableEntity, "invalid", err.Error())
	case strings.Contains(err.Error(), "changed since the last sync"):
		writeError(w, http.StatusUnprocessableEntity, "out_of_date", err.Error())
	default:
		writeError(w, http.StatusInternalServerError, "internal", err.Error())
	}
}

// invalidBody is the body of a 422 for a refused save.
type invalidBody struct {
	Error    string               `json:"error"`
	Message  string               `json:"message"`
	Problems []workflow.Rejection `json:"problems"`
}

// httpError is an error with its HTTP status.
type httpError struct {
	code      int
	kind, msg string
}

func (e *httpError) Error() string { return e.msg }

func notFound(format string, args ...any) error {
	return &httpError{http.StatusNotFound, "not_found", fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, "bad_request", fmt.Sprintf(format, args...)}
}

func forbidden(format string, args ...any) error {
	return &httpError{http.StatusForbidden, "forbidden", fmt.Sprintf(format, args...)}
}
