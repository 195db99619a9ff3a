package article

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// Format is the language of an article's front matter.
type Format string

// The front matter formats: YAML between "---" lines, TOML between "+++"
// lines. An article without front matter has the format "".
const (
	YAML Format = "yaml"
	TOML Format = "toml"
)

// LangFrom says where an article's source language came from.
type LangFrom string

// The places a source language comes from, in the order Parse tries them.
const (
	LangFromFrontMatter LangFrom = "front matter" // the lang key
	LangFromFileName    LangFrom = "file name"    // floods.ru.md
	LangFromDefault     LangFrom = "default"      // Options.DefaultLang
)

// Article is a parsed source article.
type Article struct {
	// Path names the file in errors.
	Path string
	// Name is the article's name everywhere: Options.Name, or else the file
	// name without its extension and language ("floods" for floods.ru.md).
	Name string
	// Format is the front matter's format, "" for a file without one.
	Format Format
	Meta
	// Lang is the source language: the lang key, else the language of the
	// file name, else Options.DefaultLang. LangFrom says which.
	Lang     language.Tag
	LangFrom LangFrom
	// Data is the whole file.
	Data []byte
	// BodyStart is where the Markdown body starts in Data.
	BodyStart int
	// TitleLine, LangLine, DescriptionLine and SummaryLine are the lines of
	// those keys in the file, 0 for a key that is not there.
	TitleLine, LangLine, DescriptionLine, SummaryLine int

	// fm is the front matter: its lines, CRLF made LF, and its keys.
	fm *frontMatter
}

// Body returns the Markdown body.
func (a *Article) Body() []byte { return a.Data[a.BodyStart:] }

// Line returns the line of a front matter key in the file, or 0 if the key is
// not there. Keys Parse knows match in any case, as Hugo matches them
// (Line("translationkey") finds translationKey); others match exactly.
func (a *Article) Line(key string) int {
	if a.fm == nil {
		return 0
	}
	for _, e := range a.fm.entries {
		if e.matches(key) {
			return a.fm.fileLine(e.line)
		}
	}
	return 0
}

// Meta is the front matter: the keys Parse knows, and the others as written.
// Text values are as written; absent keys leave the zero value.
type Meta struct {
	// Title, Description and Summary are translatable, like the body.
	Title string
	// Lang is the lang key as written; Article.Lang is the language in use.
	Lang string
	// Date is the day of the date key, or of a Jekyll file name
	// (2024-05-01-floods.md) when there is no date key; nil if neither. It
	// is the day as written, whatever the time and offset after it.
	// Date.String() formats it as 2024-05-01.
	Date *toml.LocalDate
	// DateTime is the date in full: midnight UTC for a day alone, the wall
	// clock in UTC for a local date-time, the instant in its own offset for
	// an RFC 3339 date-time; the zero time if there is no date.
	DateTime time.Time
	// Lastmod and LastmodTime are the lastmod key, as Date and DateTime.
	Lastmod     *toml.LocalDate
	LastmodTime time.Time
	Draft       bool
	// Tags, Categories, Aliases and Authors are lists; a single string is
	// split into words, as Hugo and Jekyll split it.
	Tags, Categories []string
	// Slug is the slug key: the last part of the page's URL in Hugo and
	// Jekyll, not the article's name (that is Article.Name).
	Slug           string
	TranslationKey string
	Aliases        []string
	Author         string
	Authors        []string
	Weight         int
	Description    string
	Summary        string
	// Source is the URL of the original, for a republished article.
	Source string
	// Extra holds the keys Parse does not know, in the order of the file.
	Extra []Field
}

// Time returns the article's date, or the zero time: DateTime.
func (m Meta) Time() time.Time { return m.DateTime }

// Field is a front matter key Parse does not know, kept as written.
type Field struct {
	// Key is the key; in TOML a dotted key ("params.color") or the name of
	// a table ("params" for [params], "resources" for each [[resources]]).
	Key string
	// Raw is the key's lines as written, the key and any table body
	// included, each line ending in "\n": "layout: post\n",
	// "[params]\ncolor = \"red\"\n".
	Raw string
	// Line is the line of the key in the file.
	Line int
}

// Options says how Parse finds what a file does not say.
type Options struct {
	// Name is the article's name, for Article.Name; if empty, the file name
	// without its extension and language is used.
	Name string
	// Langs are the languages a file name may give (floods.ru.md is in
	// Russian if ru is one of them); with none, file names give none. A
	// lang key is not checked against them: that is for the caller, who
	// knows where the languages are configured.
	Langs []language.Tag
	// DefaultLang is the language of an article that says nothing else
	// about it; with language.Und (the zero Tag) such an article is an
	// error.
	DefaultLang language.Tag
	// NoFrontMatter accepts a file without front matter: it is all body,
	// with no title and Format "". Without it such a file is an error that
	// says what to add.
	NoFrontMatter bool
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

// Parse reads an article file with the zero Options: the language must be in
// the front matter. The path names the file in errors.
func Parse(p string, data []byte) (*Article, error) {
	return Options{}.Parse(p, data)
}

// Parse reads an article file: front matter, then the Markdown body. The
// path names the file in errors and gives the language and date rules their
// file name.
func (o Options) Parse(p string, data []byte) (*Article, error) {
	a := &Article{Path: p, Name: o.Name, Data: data}
	if a.Name == "" {
		a.Name = baseName(p, o.Langs)
	}
	fm, err := split(p, data)
	if err != nil {
		return nil, err
	}
	if fm == nil {
		if !o.NoFrontMatter {
			return nil, &Error{Path: p, Line: 1, Msg: `no front matter: start the file with a line "---", then title: "…" and lang: en, then a line "---" (or the same in TOML between "+++" lines)`}
		}
		if hasBOM(data) {
			a.BodyStart = len(bom)
		}
	} else {
		a.fm, a.Format, a.BodyStart = fm, fm.format, fm.bodyStart
		if err := fm.parse(p); err != nil {
			return nil, err
		}
		if err := fm.decode(p, &a.Meta); err != nil {
			return nil, err
		}
		if strings.TrimSpace(a.Title) == "" {
			return nil, a.noTitle()
		}
		a.TitleLine = a.Line("title")
		a.LangLine = a.Line("lang")
		a.DescriptionLine = a.Line("description")
		a.SummaryLine = a.Line("summary")
	}
	if err := a.findLang(o); err != nil {
		return nil, err
	}
	if a.Date == nil {
		if d, ok := jekyllDate(p); ok {
			a.Date, a.DateTime = &d, d.AsTime(time.UTC)
		}
	}
	return a, nil
}

// noTitle is the error for front matter without a title: on the line of an
// empty title, or of a key that looks like a misspelt title.
func (a *Article) noTitle() error {
	msg := "front matter has no title: add " + hint(a.Format, "title", `"…"`)
	if n := a.Line("title"); n > 0 {
		return &Error{Path: a.Path, Line: n, Msg: msg}
	}
	for _, f := range a.Extra {
		if k := strings.ToLower(f.Key); k != "title" && editDistance(k, "title") <= 2 {
			return &Error{Path: a.Path, Line: f.Line, Msg: fmt.Sprintf("front matter has no title: is %q meant to be title?", f.Key)}
		}
	}
	return &Error{Path: a.Path, Line: 1, Msg: msg}
}

// editDistance is the Levenshtein distance of two short strings, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// findLang sets the source language from the lang key, the file name or the
// default, in that order.
func (a *Article) findLang(o Options) error {
	if a.Meta.Lang != "" {
		tag, err := language.Parse(a.Meta.Lang)
		if err != nil {
			return &Error{Path: a.Path, Line: a.LangLine, Msg: fmt.Sprintf("invalid language tag %q: use a BCP 47 tag such as en, ru, kk or tr", a.Meta.Lang)}
		}
		a.Lang, a.LangFrom = tag, LangFromFrontMatter
		return nil
	}
	if tag, ok := fileLang(a.Path, o.Langs); ok {
		a.Lang, a.LangFrom = tag, LangFromFileName
		return nil
	}
	if o.DefaultLang != language.Und {
		a.Lang, a.LangFrom = o.DefaultLang, LangFromDefault
		return nil
	}
	msg := "the article does not say its language: add " + hint(a.Format, "lang", "en") + " (the article's source language) to the front matter"
	if a.Format == "" {
		msg = "the article does not say its language: add front matter with " + hint(YAML, "lang", "en") + " (the article's source language)"
	}
	if len(o.Langs) > 0 {
		msg += ", or name the file like " + langFileExample(a.Path, o.Langs[0])
	}
	return &Error{Path: a.Path, Line: 1, Msg: msg}
}

// hint writes key and value as the format writes them: title: "…" or
// title = "…".
func hint(f Format, key, value string) string {
	if f == TOML {
		return key + " = " + value
	}
	return key + ": " + value
}

// stem splits a file path into its folder and its base name without the
// extension.
func stem(p string) (dir, base string) {
	p = strings.ReplaceAll(p, `\`, "/")
	dir, base = path.Split(p)
	if ext := path.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	return dir, base
}

// fileLang returns the language of a Hugo-style file name (floods.ru.md), if
// it is one of langs.
func fileLang(p string, langs []language.Tag) (language.Tag, bool) {
	_, base := stem(p)
	i := strings.LastIndexByte(base, '.')
	if i <= 0 || len(langs) == 0 {
		return language.Und, false
	}
	tag, err := language.Parse(base[i+1:])
	if err != nil {
		return language.Und, false
	}
	for _, l := range langs {
		if l == tag {
			return tag, true
		}
	}
	return language.Und, false
}

// langFileExample is the file name of p with the language l in it.
func langFileExample(p string, l language.Tag) string {
	_, base := stem(p)
	ext := path.Ext(strings.ReplaceAll(p, `\`, "/"))
	if ext == "" || ext == path.Base(p) {
		ext = ".md"
	}
	return base + "." + l.String() + ext
}

// baseName is the file name without extension and language.
func baseName(p string, langs []language.Tag) string {
	_, base := stem(p)
	if _, ok := fileLang(p, langs); ok {
		base = base[:strings.LastIndexByte(base, '.')]
	}
	return base
}

var jekyllName = regexp.MustCompile(`^([0-9]{4}-[0-9]{2}-[0-9]{2})-.`)

// jekyllDate returns the date of a Jekyll post's file name
// (2024-05-01-floods.md).
func jekyllDate(p string) (toml.LocalDate, bool) {
	_, base := stem(p)
	m := jekyllName.FindStringSubmatch(base)
	if m == nil {
		return toml.LocalDate{}, false
	}
	t, err := time.Parse(time.DateOnly, m[1])
	if err != nil {
		return toml.LocalDate{}, false
	}
	return toml.LocalDate{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// NameOf returns the name of the article at rel, a slash-separated path below
// the articles folder: the path without its extension (.md or .markdown),
// without a language of langs before the extension (floods.ru.md), and
// without the index.md of a page bundle (news/floods/index.md is
// news/floods; news/_index.md is news). Each part of a name is letters,
// digits, hyphens and underscores: a dot would split the name in the
// message IDs that carry it.
func NameOf(rel string, langs []language.Tag) (string, error) {
	p := strings.ReplaceAll(rel, `\`, "/")
	ext := path.Ext(p)
	if !strings.EqualFold(ext, ".md") && !strings.EqualFold(ext, ".markdown") {
		return "", &Error{Path: rel, Msg: "article files end in .md or .markdown"}
	}
	name := strings.TrimSuffix(p, ext)
	if _, ok := fileLang(p, langs); ok {
		name = name[:strings.LastIndexByte(name, '.')]
	}
	if dir, base := path.Split(name); dir != "" && (base == "index" || base == "_index") {
		name = strings.TrimSuffix(dir, "/")
	}
	for part := range strings.SplitSeq(name, "/") {
		if part == "" || part == "." || part == ".." {
			return "", &Error{Path: rel, Msg: "an article's path is relative to the articles folder, without empty parts, . or .."}
		}
		for _, r := range part {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
				return "", &Error{Path: rel, Msg: fmt.Sprintf("%q in %q: article names are folders and file names of letters, digits, hyphens and underscores: rename the file", r, part)}
			}
		}
	}
	return name, nil
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// SlugOf returns the slug of an article path with one folder level: its file
// name without ".md", checking that it is lower-case letters, digits and
// hyphens.
//
// Deprecated: articles are in nested folders and their names are given by
// the caller; use NameOf.
func SlugOf(p string) (string, error) {
	base := path.Base(strings.ReplaceAll(p, `\`, "/"))
	slug, ok := strings.CutSuffix(base, ".md")
	if !ok || !slugPattern.MatchString(slug) {
		return "", &Error{Path: p, Msg: "article files are named <slug>.md, the slug in lower-case letters, digits and hyphens"}
	}
	return slug, nil
}
