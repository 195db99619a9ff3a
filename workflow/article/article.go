package article

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// Article is a parsed source article.
type Article struct {
	// Path names the file in errors.
	Path string
	// Slug is the file name without ".md": the article's name everywhere.
	Slug string
	Meta
	// Lang is the parsed source language.
	Lang language.Tag
	// Data is the whole file.
	Data []byte
	// BodyStart is where the Markdown body starts in Data.
	BodyStart int
	// TitleLine and LangLine are the lines of title and lang in the file.
	TitleLine, LangLine int
}

// Body returns the Markdown body.
func (a *Article) Body() []byte { return a.Data[a.BodyStart:] }

// Meta is the front matter.
type Meta struct {
	Title  string          `toml:"title"`
	Lang   string          `toml:"lang"`
	Date   *toml.LocalDate `toml:"date,omitempty"`
	Author string          `toml:"author,omitempty"`
	Source string          `toml:"source,omitempty"`
}

// Time returns the article's date, or the zero time.
func (m Meta) Time() time.Time {
	if m.Date == nil {
		return time.Time{}
	}
	return m.Date.AsTime(time.UTC)
}

// Error is a problem in an article file.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// SlugOf returns the slug of an article path, checking that it is one.
func SlugOf(p string) (string, error) {
	base := path.Base(strings.ReplaceAll(p, `\`, "/"))
	slug, ok := strings.CutSuffix(base, ".md")
	if !ok || !slugPattern.MatchString(slug) {
		return "", &Error{Path: p, Msg: "article files are named <slug>.md, the slug in lower-case letters, digits and hyphens"}
	}
	return slug, nil
}

// Parse reads an article file.
func Parse(p string, data []byte) (*Article, error) {
	slug, err := SlugOf(p)
	if err != nil {
		return nil, err
	}
	a := &Article{Path: p, Slug: slug, Data: data}
	start := 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	rest := data[start:]
	first, _, _ := bytes.Cut(rest, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "+++" {
		return nil, &Error{Path: p, Line: 1, Msg: "no front matter: start the file with a line \"+++\", then title = \"…\" and lang = \"en\", then \"+++\""}
	}
	off := start + len(first) + 1
	fmStart := off
	line := 2
	fmEnd := -1
	for off < len(data) {
		l, _, _ := bytes.Cut(data[off:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == "+++" {
			fmEnd = off
			off += len(l) + 1
			break
		}
		off += len(l) + 1
		line++
	}
	if fmEnd < 0 {
		return nil, &Error{Path: p, Line: 1, Msg: "front matter is never closed: add a line \"+++\" after it"}
	}
	a.BodyStart = min(off, len(data))
	fm := data[fmStart:fmEnd]
	dec := toml.NewDecoder(bytes.NewReader(fm))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a.Meta); err != nil {
		return nil, frontMatterError(p, err)
	}
	if strings.TrimSpace(a.Title) == "" {
		return nil, &Error{Path: p, Line: 1, Msg: "front matter has no title: add title = \"…\""}
	}
	if a.Meta.Lang == "" {
		return nil, &Error{Path: p, Line: 1, Msg: "front matter has no lang: add lang = \"en\" (the article's source language)"}
	}
	tag, err := language.Parse(a.Meta.Lang)
	if err != nil {
		return nil, &Error{Path: p, Line: keyLine(fm, "lang"), Msg: fmt.Sprintf("invalid language tag %q: use a BCP 47 tag such as en, ru, kk or tr", a.Meta.Lang)}
	}
	a.Lang = tag
	a.TitleLine = keyLine(fm, "title")
	a.LangLine = keyLine(fm, "lang")
	return a, nil
}

func frontMatterError(p string, err error) error {
	var sme *toml.StrictMissingError
	if errors.As(err, &sme) && len(sme.Errors) > 0 {
		key := strings.Join(sme.Errors[0].Key(), ".")
		row, _ := sme.Errors[0].Position()
		return &Error{Path: p, Line: row + 1, Msg: fmt.Sprintf("unknown front matter key %q: the keys are title, lang, date, author and source", key)}
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return &Error{Path: p, Line: row + 1, Msg: "invalid front matter: " + de.Error()}
	}
	return &Error{Path: p, Msg: "invalid front matter: " + err.Error()}
}

// keyLine returns the file line of key in the front matter (which starts on line 2).
func keyLine(fm []byte, key string) int {
	for i, l := range strings.Split(string(fm), "\n") {
		k, _, ok := strings.Cut(l, "=")
		if ok && strings.TrimSpace(k) == key {
			return i + 2
		}
	}
	return 0
}
