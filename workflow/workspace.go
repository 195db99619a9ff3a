package workflow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/check"
	"github.com/tilmash/tilmash/workflow/segment"
	"github.com/tilmash/tilmash/workflow/store"
)

// ConfigFile is the name of the file that marks a workspace.
const ConfigFile = "tilmash.toml"

// Config is the content of tilmash.toml.
type Config struct {
	// Languages are the workspace's languages; every article is translated
	// into each of them except its own.
	Languages []string `toml:"languages"`
	// Articles, Locales and Output are folders relative to the workspace.
	Articles string `toml:"articles"`
	Locales  string `toml:"locales"`
	Output   string `toml:"output"`
	// SourceLang is the language of articles that say none (no lang in
	// the front matter, no language in the file name); default the first
	// of Languages.
	SourceLang string `toml:"source_lang,omitempty"`
	// Segmentation is "sentence" (default) or "paragraph".
	Segmentation string `toml:"segmentation,omitempty"`
	// Build holds the defaults of tilmash build.
	Build BuildConfig `toml:"build"`
	// Limits bound what tilmash reads; zero values take the defaults.
	Limits Limits `toml:"limits,omitempty"`
	// Style is the house style of each language ([style.ru] …) that
	// tilmash check holds translations to; what a table leaves out takes
	// the language's defaults (check.DefaultHouseStyle).
	Style map[string]check.HouseStyle `toml:"style,omitempty"`
}

// Limits bound the input tilmash accepts, so that a hostile or broken file
// gets a clear error instead of endless work.
type Limits struct {
	// ArticleBytes is the size of the largest article file.
	ArticleBytes int64 `toml:"article_bytes,omitempty"`
	// SegmentBytes is the size of the longest segment, source or translation.
	SegmentBytes int `toml:"segment_bytes,omitempty"`
	// PushBytes is the size of the largest file push reads.
	PushBytes int64 `toml:"push_bytes,omitempty"`
	// MarkdownDepth is the deepest nesting of Markdown blocks (quotes in
	// lists in quotes…) an article may have.
	MarkdownDepth int `toml:"markdown_depth,omitempty"`
}

// defaultLimits are the limits where tilmash.toml sets none.
var defaultLimits = Limits{ArticleBytes: 32 << 20, SegmentBytes: 64 << 10, PushBytes: 1 << 30, MarkdownDepth: 64}

// Limits returns the workspace's limits, defaults filled in.
func (ws *Workspace) Limits() Limits {
	l := ws.Config.Limits
	if l.ArticleBytes <= 0 {
		l.ArticleBytes = defaultLimits.ArticleBytes
	}
	if l.SegmentBytes <= 0 {
		l.SegmentBytes = defaultLimits.SegmentBytes
	}
	if l.PushBytes <= 0 {
		l.PushBytes = defaultLimits.PushBytes
	}
	if l.MarkdownDepth <= 0 {
		l.MarkdownDepth = defaultLimits.MarkdownDepth
	}
	return l
}

// BuildConfig holds build policy defaults.
type BuildConfig struct {
	// Require is what counts as finished: "translated" or "reviewed".
	Require string `toml:"require,omitempty"`
	// Fallback fills segments that are not finished: "none", "source" or a language.
	Fallback string `toml:"fallback,omitempty"`
	// MinCoverage is the percentage of finished segments an edition needs
	// when a fallback fills the rest.
	MinCoverage float64 `toml:"min_coverage,omitempty"`
	// Formats are the edition formats: "md", "html".
	Formats []string `toml:"formats,omitempty"`
	// NoBreakSpaces puts the no-break spaces each language's house style
	// asks for (a year and its mark, a number and its unit, before a dash
	// where set) into the translations of the editions.
	NoBreakSpaces bool `toml:"no_break_spaces,omitempty"`
	// Layout is "default" (dist/<lang>/<slug>.md) or "hugo"
	// (content/<slug>.<lang>.md).
	Layout string `toml:"layout,omitempty"`
}

// DefaultConfig is the configuration tilmash init writes.
func DefaultConfig() Config {
	return Config{
		Languages:    []string{"en", "ru", "kk", "tr"},
		Articles:     "articles",
		Locales:      "locales",
		Output:       "dist",
		Segmentation: "sentence",
		Build: BuildConfig{
			Require:     "translated",
			Fallback:    "none",
			MinCoverage: 100,
			Formats:     []string{"md", "html"},
		},
	}
}

// ErrNoWorkspace is returned when no tilmash.toml is found.
var ErrNoWorkspace = errors.New("not in a tilmash workspace (no tilmash.toml here or in any parent folder): run tilmash init, or cd into a workspace")

// Find returns the workspace folder holding dir: the nearest folder, from
// dir up, that has a tilmash.toml.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, ConfigFile)); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", ErrNoWorkspace
		}
		d = parent
	}
}

// Workspace is an opened workspace.
type Workspace struct {
	// Root is the workspace folder.
	Root string
	// Config is its tilmash.toml.
	Config Config
	// Langs are the parsed Config.Languages, in order.
	Langs []language.Tag
	// Unit is the parsed Config.Segmentation.
	Unit segment.Unit
	// FS reads the workspace; names are slash-separated and relative.
	// Opened by Open, it never leaves the workspace: a symbolic link that
	// leads outside is an error.
	FS fs.FS

	// Progress, when set, is called by long operations after each article.
	Progress func(done, total int)

	// articles maps the names of the articles to their files; names lists
	// them sorted. Slugs reads them once.
	articles map[string]string
	names    []string
	// matcher matches variant tags to the languages (MatchLang).
	matcher language.Matcher
	// idx is the index, once read (see index.go); synced lists the
	// articles the plan of the last Sync brings in sync.
	idx    *index
	synced []syncedArticle
	built  []builtArticle
	// before holds the index entries of the articles a push or review
	// plans for, as they were (see noteSynced).
	before map[string]*indexEntry
	// exact indexes each language's memory by article and source text
	// during a sync (see exactMatch).
	exact map[language.Tag]map[[2]string]string
	// fixes puts the glossary's fixed forms into a derived language's
	// transliteration (see fixedForms).
	fixes map[language.Tag]*strings.Replacer

	dir *os.Root // the workspace folder, when opened by Open
}

func (ws *Workspace) progress(done, total int) {
	if ws.Progress != nil {
		ws.Progress(done, total)
	}
}

// Open reads the workspace at root. Close it when done.
func Open(root string) (*Workspace, error) {
	dir, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	ws, err := OpenFS(root, dir.FS())
	if err != nil {
		dir.Close()
		return nil, err
	}
	ws.dir = dir
	return ws, nil
}

// Close lets go of the workspace folder.
func (ws *Workspace) Close() error {
	if ws.dir == nil {
		return nil
	}
	return ws.dir.Close()
}

// LockOptions say how a command holds the workspace lock.
type LockOptions struct {
	// Mode is store.Exclusive for a command that writes, store.Shared for
	// one that only reads.
	Mode store.Mode
	// Wait is how long to wait for another command's lock.
	Wait time.Duration
	// Command names the caller to those who wait.
	Command string
	// Waiting is called once when the lock is held by another command.
	Waiting func(store.Holder)
}

// Lock takes the workspace lock, first finishing a change that a crashed
// command left half done. The returned function releases it.
func (ws *Workspace) Lock(ctx context.Context, opts LockOptions) (func() error, error) {
	for range 3 {
		if opts.Mode == store.Exclusive || store.Pending(ws.Root) {
			l, err := store.Acquire(ctx, ws.Root, store.Exclusive, opts.Wait, opts.Command, opts.Waiting)
			if err != nil {
				return nil, err
			}
			if _, err := store.Recover(ws.Root); err != nil {
				_ = l.Release()
				return nil, err
			}
			if opts.Mode == store.Exclusive {
				return l.Release, nil
			}
			if err := l.Release(); err != nil {
				return nil, err
			}
		}
		l, err := store.Acquire(ctx, ws.Root, store.Shared, opts.Wait, opts.Command, opts.Waiting)
		if err != nil {
			return nil, err
		}
		if !store.Pending(ws.Root) {
			return l.Release, nil
		}
		_ = l.Release() // a writer crashed meanwhile: finish its change first
	}
	return nil, fmt.Errorf("%s: a change is left half done and cannot be finished: run tilmash sync to finish it", filepath.Join(ws.Root, store.Dir))
}

// OpenFS reads a workspace from fsys; root names it in messages.
func OpenFS(root string, fsys fs.FS) (*Workspace, error) {
	data, err := fs.ReadFile(fsys, ConfigFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ConfigFile, err)
	}
	cfg := DefaultConfig()
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return nil, configError(err)
	}
	ws := &Workspace{Root: root, Config: cfg, FS: fsys}
	if len(cfg.Languages) == 0 {
		return nil, fmt.Errorf("%s: languages is empty: list the workspace's languages, e.g. languages = [\"en\", \"ru\", \"kk\", \"tr\"]", ConfigFile)
	}
	seen := map[language.Tag]bool{}
	for _, l := range cfg.Languages {
		tag, err := language.Parse(l)
		if err != nil || tag == language.Und {
			return nil, fmt.Errorf("%s: invalid language tag %q in languages: use BCP 47 tags such as en, ru, kk, tr", ConfigFile, l)
		}
		if seen[tag] {
			return nil, fmt.Errorf("%s: language %q is listed twice", ConfigFile, l)
		}
		seen[tag] = true
		ws.Langs = append(ws.Langs, tag)
	}
	for _, tag := range ws.Langs {
		base, _ := tag.Base()
		script, _ := tag.Script()
		if base.String() == "kk" && script.String() == "Latn" && !ws.HasLang(language.Kazakh) {
			return nil, fmt.Errorf("%s: languages has %s, which is made from kk: add kk to languages", ConfigFile, tag)
		}
	}
	if cfg.SourceLang != "" {
		tag, err := language.Parse(cfg.SourceLang)
		if err != nil || !seen[tag] {
			return nil, fmt.Errorf("%s: source_lang %q is not one of languages: name one of %s", ConfigFile, cfg.SourceLang, strings.Join(cfg.Languages, ", "))
		}
	}
	if ws.Unit, err = segment.ParseUnit(cfg.Segmentation); err != nil {
		return nil, fmt.Errorf("%s: segmentation: %w", ConfigFile, err)
	}
	for _, dir := range []string{cfg.Articles, cfg.Locales, cfg.Output} {
		if dir == "" || path.IsAbs(dir) || strings.HasPrefix(path.Clean(dir), "..") {
			return nil, fmt.Errorf("%s: folder %q must be a path inside the workspace", ConfigFile, dir)
		}
	}
	return ws, nil
}

func configError(err error) error {
	var sme *toml.StrictMissingError
	if errors.As(err, &sme) && len(sme.Errors) > 0 {
		row, _ := sme.Errors[0].Position()
		return fmt.Errorf("%s:%d: unknown setting %q", ConfigFile, row, strings.Join(sme.Errors[0].Key(), "."))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return fmt.Errorf("%s:%d: %s", ConfigFile, row, de.Error())
	}
	return fmt.Errorf("%s: %w", ConfigFile, err)
}

// HasLang reports whether tag is one of the workspace's languages.
func (ws *Workspace) HasLang(tag language.Tag) bool {
	for _, l := range ws.Langs {
		if l == tag {
			return true
		}
	}
	return false
}

// DerivedFrom returns the language a derived language is made from, and
// true; false for a language translators write. Kazakh in Latin letters
// (kk-Latn) is derived from Kazakh (kk) by the official transliteration of
// 2021 (package translit): it needs no translators.
func (ws *Workspace) DerivedFrom(tag language.Tag) (language.Tag, bool) {
	base, _ := tag.Base()
	script, _ := tag.Script()
	if base.String() == "kk" && script.String() == "Latn" && ws.HasLang(language.Kazakh) {
		return language.Kazakh, true
	}
	return language.Und, false
}

// derivedError refuses work on a derived language: translate its base.
func derivedError(tag, base language.Tag) error {
	return fmt.Errorf("%s is made from %s by transliteration: it needs no translators; translate %s instead", tag, base, base)
}

// SourceLang returns the language of articles that say none.
func (ws *Workspace) SourceLang() language.Tag {
	if tag, err := language.Parse(ws.Config.SourceLang); err == nil && ws.HasLang(tag) {
		return tag
	}
	return ws.Langs[0]
}

// MatchLang returns the workspace language a tag given in a file stands
// for: the tag itself, or the language of a regional or otherwise variant
// tag (ru_RU and ru-RU for ru, tr-TR for tr, kk-Cyrl-KZ for kk), matched
// with x/text's language matcher at high confidence.
func (ws *Workspace) MatchLang(tag language.Tag) (language.Tag, bool) {
	if ws.HasLang(tag) {
		return tag, true
	}
	if tag == language.Und {
		return tag, false
	}
	if ws.matcher == nil {
		ws.matcher = language.NewMatcher(ws.Langs)
	}
	_, i, conf := ws.matcher.Match(tag)
	if conf < language.High {
		return tag, false
	}
	return ws.Langs[i], true
}

// ParseLang parses a language given by a user and checks that the workspace has it.
func (ws *Workspace) ParseLang(s string) (language.Tag, error) {
	tag, err := language.Parse(s)
	if err != nil || tag == language.Und {
		return language.Und, fmt.Errorf("invalid language tag %q: use a BCP 47 tag such as en, ru, kk or tr", s)
	}
	if !ws.HasLang(tag) {
		return language.Und, fmt.Errorf("language %q is not one of the workspace's languages (%s): add it to languages in %s", s, strings.Join(ws.Config.Languages, ", "), ConfigFile)
	}
	return tag, nil
}

// ArticlePath returns the path of the article file with the given name.
func (ws *Workspace) ArticlePath(name string) string {
	if ws.articles == nil {
		_, _ = ws.Slugs() // an unreadable folder leaves the default below
	}
	if p, ok := ws.articles[name]; ok {
		return p
	}
	return path.Join(ws.Config.Articles, name+".md")
}

// CatalogPath returns the path of an article's message file in a language.
func (ws *Workspace) CatalogPath(slug string, tag language.Tag) string {
	l := tag.String()
	return path.Join(ws.Config.Locales, l, slug+"."+l+".toml")
}

// MetaPath returns the path of the sidecar of an article's message file.
func (ws *Workspace) MetaPath(slug string, tag language.Tag) string {
	l := tag.String()
	return path.Join(ws.Config.Locales, l, ".tilmash", slug+"."+l+".toml")
}

// MemoryPath returns the path of a language's translation memory.
func (ws *Workspace) MemoryPath(tag language.Tag) string {
	l := tag.String()
	return path.Join(ws.Config.Locales, l, ".tilmash", "memory."+l+".toml")
}

// UIPath returns the path of a language's UI strings.
func (ws *Workspace) UIPath(tag language.Tag) string {
	l := tag.String()
	return path.Join(ws.Config.Locales, l, UISlug+"."+l+".toml")
}

// UISlug names the message files of the editions' UI strings; no article
// may take it.
const UISlug = "ui"

// Slugs lists the names of the workspace's articles, sorted. An
// article's name is its path below the articles folder without the
// extension (news/2024/05/floods for news/2024/05/floods.md), as
// static-site generators keep them: .md and .markdown files, in nested
// folders; a page bundle's index.md is named after its folder
// (news/floods/index.md is news/floods); a Hugo-style language suffix is
// not part of the name (floods.ru.md is floods). Files and folders whose
// names start with "." are left out, and so is a file with a language
// suffix beside one without (floods.ru.md beside floods.md: an edition
// Hugo keeps next to its source). Two files that would take one name are
// an error naming both.
func (ws *Workspace) Slugs() ([]string, error) {
	if ws.articles != nil {
		return ws.names, nil
	}
	names := map[string]string{}
	root := ws.Config.Articles
	err := fs.WalkDir(ws.FS, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return store.PathError(ws.Root, p, err)
		}
		base := d.Name()
		if p != root && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		ext := path.Ext(base)
		if ext != ".md" && ext != ".markdown" {
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		name := strings.TrimSuffix(rel, ext)
		if lang := path.Ext(name); lang != "" {
			if tag, err := language.Parse(lang[1:]); err == nil && ws.HasLang(tag) {
				plain := strings.TrimSuffix(name, lang)
				if _, err := fs.Stat(ws.FS, path.Join(root, plain+ext)); err == nil {
					return nil // an edition beside its source
				}
				name = plain
			}
		}
		if path.Base(name) == "index" && name != "index" {
			name = path.Dir(name) // a page bundle
		}
		if other, ok := names[name]; ok {
			return fmt.Errorf("%s and %s both make the article %q: rename one of them", other, p, name)
		}
		names[name] = p
		return nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading articles: %s: no such folder: create it, or set articles in %s", root, ConfigFile)
		}
		return nil, fmt.Errorf("reading articles: %w", err)
	}
	ws.articles = names
	ws.names = make([]string, 0, len(names))
	for n := range names {
		ws.names = append(ws.names, n)
	}
	sort.Strings(ws.names)
	return ws.names, nil
}

// readFile reads a workspace file; a missing file gives nil data and no error.
func (ws *Workspace) readFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(ws.FS, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, store.PathError(ws.Root, name, err)
	}
	return data, nil
}
