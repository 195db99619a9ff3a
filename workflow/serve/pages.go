package serve

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed assets
var assetFiles embed.FS

// pages are the parsed templates.
type pages struct {
	set *template.Template
}

func loadPages() (*pages, error) {
	set, err := template.New("").Funcs(template.FuncMap{
		"langName":   langName,
		"pathEscape": url.PathEscape,
	}).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return &pages{set: set}, nil
}

// pageData is what the templates get.
type pageData struct {
	Title   string
	Message string
	Next    string
	// User is who is logged in; CSRF the session's token.
	User     *User
	CSRF     string
	LoggedIn bool // with a users file: a logout button
	Langs    []string
	// Article and Lang, for the editor.
	Article    string
	Lang       string
	SourceLang string
	MayWrite   bool
	MayReview  bool
}

// render writes a template into memory first, so that an error gives a
// clean 500.
func (p *pages) render(w http.ResponseWriter, code int, name string, d *pageData) {
	var buf bytes.Buffer
	if err := p.set.ExecuteTemplate(&buf, name, d); err != nil {
		http.Error(w, "500 rendering "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// langName is a language's name in itself: "қазақ тілі", "Türkçe".
func langName(l string) string {
	tag, err := language.Parse(l)
	if err != nil {
		return l
	}
	if n := display.Self.Name(tag); n != "" {
		return n
	}
	return l
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request, d *pageData) {
	d.Title = "Coverage"
	s.pages.render(w, http.StatusOK, "overview.html", d)
}

func (s *Server) editor(w http.ResponseWriter, r *http.Request, d *pageData) {
	_, t, done, err := s.read(r)
	if err != nil {
		s.pageError(w, err)
		return
	}
	done()
	d.Article, d.Lang, d.SourceLang = t.article, t.lang.String(), t.row.Source
	d.Title = t.row.Title + " · " + langName(d.Lang)
	d.MayWrite, d.MayReview = d.User.MayWrite(d.Lang), d.User.MayReview(d.Lang)
	s.pages.render(w, http.StatusOK, "editor.html", d)
}

// pageError answers a page request that failed.
func (s *Server) pageError(w http.ResponseWriter, err error) {
	code := http.StatusInternalServerError
	var he *httpError
	var le *store.LockedError
	switch {
	case errors.As(err, &he):
		code = he.code
	case errors.As(err, &le):
		code = http.StatusServiceUnavailable
	case strings.Contains(err.Error(), "changed since the last sync"):
		code = http.StatusUnprocessableEntity
	}
	s.pages.render(w, code, "denied.html", &pageData{Title: http.StatusText(code), Message: err.Error()})
}

// preview builds the edition of the article in the language into memory,
// as tilmash build would, with the source language filling what is not
// translated yet, and serves its HTML page for the editor's preview frame.
func (s *Server) preview(w http.ResponseWriter, r *http.Request, d *pageData) {
	ws, t, done, err := s.read(r)
	if err != nil {
		s.pageError(w, err)
		return
	}
	defer done()
	plan, _, err := ws.Build(r.Context(), workflow.BuildOptions{
		Filter:  workflow.Filter{Articles: []string{t.article}, Langs: []language.Tag{t.lang}},
		Formats: []string{"html"}, Layout: workflow.LayoutDefault,
		Require: workflow.Translated, Fallback: "source", MinCoverage: 0,
	})
	if err != nil {
		s.pageError(w, err)
		return
	}
	want := path.Join(t.lang.String(), t.article+".html")
	for _, c := range plan.Changes {
		if c.Path == want && !c.Remove {
			h := w.Header()
			// The edition's own policy (no script) holds; it may be framed
			// by the editor only.
			h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; sandbox")
			h.Set("X-Frame-Options", "SAMEORIGIN")
			h.Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(c.Data)
			return
		}
	}
	s.pageError(w, notFound("the build made no page for %s in %s", t.article, t.lang))
}

// assetHandler serves the embedded CSS and JavaScript.
func assetHandler() http.Handler {
	sub, _ := fs.Sub(assetFiles, "assets")
	fsrv := http.StripPrefix("/assets/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		fsrv.ServeHTTP(w, r)
	})
}
