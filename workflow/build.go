package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/edition"
	"github.com/tilmash/tilmash/workflow/page"
	"github.com/tilmash/tilmash/workflow/segment"
)

// Layout is how a build arranges its files in the output folder.
type Layout string

// The layouts of a build.
const (
	// LayoutDefault writes <lang>/<slug>.md, <lang>/<slug>.html and an
	// index page per language, <lang>/index.html.
	LayoutDefault Layout = "default"
	// LayoutHugo writes content/<slug>.<lang>.md, Hugo's translation by
	// file name, and no HTML: Hugo renders the pages.
	LayoutHugo Layout = "hugo"
)

// BuildOptions are the policy and scope of a build.
type BuildOptions struct {
	Filter
	// Formats are "md" and/or "html".
	Formats []string
	// Layout arranges the files; empty is LayoutDefault.
	Layout Layout
	// Require is what counts as finished: Translated or Reviewed.
	Require State
	// Fallback fills unfinished segments: "none", "source" or a language tag.
	Fallback string
	// MinCoverage is the share of finished segments (percent) an edition
	// filled by a fallback needs to be built.
	MinCoverage float64
	// Previous is the manifest an earlier build left in the output folder,
	// or nil. Its editions outside this build's scope (other articles or
	// languages) are kept in the new manifest; the files of its editions
	// whose article or language the workspace no longer has are removed.
	Previous *Manifest
	// Progress, if set, is called after each article.
	Progress func(done, total int)
}

// BuildOptions returns the build defaults of tilmash.toml.
func (ws *Workspace) BuildOptions() (BuildOptions, error) {
	b := ws.Config.Build
	o := BuildOptions{Formats: b.Formats, Fallback: b.Fallback, MinCoverage: b.MinCoverage, Require: State(b.Require), Layout: Layout(b.Layout)}
	if o.Layout == "" {
		o.Layout = LayoutDefault
	}
	if o.Require == "" {
		o.Require = Translated
	}
	if o.Fallback == "" {
		o.Fallback = "none"
	}
	if len(o.Formats) == 0 {
		o.Formats = []string{"md", "html"}
		if o.Layout == LayoutHugo {
			o.Formats = []string{"md"}
		}
	}
	return o, o.check(ws)
}

// PolicyError is a build policy that makes no sense.
type PolicyError struct{ Err error }

func (e *PolicyError) Error() string { return e.Err.Error() }
func (e *PolicyError) Unwrap() error { return e.Err }

func (o BuildOptions) check(ws *Workspace) error {
	if err := o.checkPolicy(ws); err != nil {
		return &PolicyError{Err: err}
	}
	return nil
}

func (o BuildOptions) checkPolicy(ws *Workspace) error {
	if o.Require != Translated && o.Require != Reviewed {
		return fmt.Errorf("require %q: use translated or reviewed", o.Require)
	}
	if len(o.Formats) == 0 {
		return errors.New("no format: use md, html or both")
	}
	for _, f := range o.Formats {
		if f != "md" && f != "html" {
			return fmt.Errorf("format %q: use md, html or both", f)
		}
	}
	switch o.Layout {
	case "", LayoutDefault:
	case LayoutHugo:
		if hasFormat(o.Formats, "html") {
			return errors.New("the hugo layout writes Markdown only (Hugo renders the pages): use --format md")
		}
	default:
		return fmt.Errorf("layout %q: use default or hugo", o.Layout)
	}
	if o.MinCoverage < 0 || o.MinCoverage > 100 {
		return fmt.Errorf("min coverage %g: use a percentage from 0 to 100", o.MinCoverage)
	}
	if o.Fallback != "none" && o.Fallback != "source" {
		if _, err := ws.ParseLang(o.Fallback); err != nil {
			return fmt.Errorf("fallback: %w; or use none or source", err)
		}
	}
	return nil
}

// Coverage counts how an edition's segments were filled.
type Coverage struct {
	Segments int `json:"segments"`
	// Finished segments are translated (or reviewed, as the policy
	// requires); in the source edition, all of them.
	Finished int `json:"finished"`
	// Fallback segments are shown in another language.
	Fallback int `json:"fallback"`
	// Unfilled segments have nothing to show: neither a finished
	// translation nor a fallback.
	Unfilled int `json:"unfilled"`
	// Percent is the share of finished segments.
	Percent float64 `json:"percent"`
	// States counts the segments by their state in the edition's language,
	// as tilmash status does; nil for the source edition.
	States *StateCounts `json:"states,omitempty"`
}

// StateCounts counts segments by state.
type StateCounts struct {
	Missing    int `json:"missing"`
	Stale      int `json:"stale"`
	Translated int `json:"translated"`
	Reviewed   int `json:"reviewed"`
}

// EditionResult says what became of one article in one language.
type EditionResult struct {
	Article    string `json:"article"`
	Lang       string `json:"lang"`
	SourceLang string `json:"source_lang"`
	// Title is the edition's title; empty when it was not built.
	Title string `json:"title,omitempty"`
	Built bool   `json:"built"`
	// Reason says why an edition was not built, and what to do.
	Reason string `json:"reason,omitempty"`
	// Files are the files written, relative to the output folder.
	Files    []string `json:"files"`
	Coverage Coverage `json:"coverage"`
	// FallbackLang is the language of the fallback segments.
	FallbackLang     string   `json:"fallback_lang,omitempty"`
	FallbackSegments []string `json:"fallback_segments,omitempty"`
	// UIFallback lists UI strings missing in the edition's language.
	UIFallback []string `json:"ui_fallback,omitempty"`
}

// Manifest says what the output folder holds: which editions were built,
// which were not and why. A build of some articles or languages keeps the
// editions of the previous manifest outside its scope as they were.
type Manifest struct {
	// Policy is the policy of the latest build.
	Policy struct {
		Require     State    `json:"require"`
		Fallback    string   `json:"fallback"`
		MinCoverage float64  `json:"min_coverage"`
		Formats     []string `json:"formats"`
		Layout      Layout   `json:"layout"`
	} `json:"policy"`
	// Editions are sorted by article, then in the order of the workspace's
	// languages.
	Editions []EditionResult `json:"editions"`
	// Files are every file the builds wrote into the folder and it still
	// holds, the index pages among them: a build removes no other.
	Files []string `json:"files"`
	// results are the editions the latest build assembled: its scope.
	results []EditionResult
	// files indexes Files and the editions' files, for owned.
	files map[string]bool
}

// ParseManifest reads a manifest.json a build wrote.
func ParseManifest(data []byte) (*Manifest, error) {
	m := &Manifest{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, err
	}
	if err := m.checkPaths(); err != nil {
		return nil, err
	}
	return m, nil
}

// Results returns the editions the build assembled, those of its
// --article and --lang scope, in the order of Editions. A manifest read
// with ParseManifest has none.
func (m *Manifest) Results() []EditionResult { return m.results }

// Failed returns the editions the build assembled but did not build.
func (m *Manifest) Failed() []EditionResult {
	var out []EditionResult
	for _, e := range m.results {
		if !e.Built {
			out = append(out, e)
		}
	}
	return out
}

// editionBuild is an edition being built.
type editionBuild struct {
	EditionResult
	tag       language.Tag
	markdown  []byte // clean body
	marked    []byte // body with fallback marks
	title     string
	titleLang language.Tag // language of the title: tag, or the fallback's
	words     int
}

// Build assembles the editions and returns the files to write, relative
// to the output folder, with the manifest (also among the files).
//
// An edition that does not meet the policy is not written, and the files a
// previous build wrote for it are removed, so that the output folder holds
// exactly what the manifest lists. The pages of an edition link the
// editions of every language the policy builds, in the scope or not.
//
// Index pages (default layout) list the editions of the new manifest that
// have an HTML page, this build's and those kept from opts.Previous. A
// build of some articles without a previous manifest does not know the
// other articles and leaves the index pages alone.
func (ws *Workspace) Build(ctx context.Context, opts BuildOptions) (*Plan, *Manifest, error) {
	if opts.Layout == "" {
		opts.Layout = LayoutDefault
	}
	if err := opts.check(ws); err != nil {
		return nil, nil, err
	}
	all, err := ws.Slugs()
	if err != nil {
		return nil, nil, err
	}
	slugs := opts.Articles
	if len(slugs) == 0 {
		slugs = all
	}
	bundle, err := ws.uiBundle()
	if err != nil {
		return nil, nil, err
	}
	plan := &Plan{}
	removals := map[string]bool{}
	var results []EditionResult
	for n, slug := range slugs {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		st, err := ws.articleState(slug)
		if err != nil {
			return nil, nil, err
		}
		if st.outOfDate {
			return nil, nil, fmt.Errorf("%s changed since the last sync: run tilmash sync, then build", ws.ArticlePath(slug))
		}
		// Every language is assembled, so that the pages of the editions in
		// scope link those the policy builds outside it.
		var eds []*editionBuild
		for _, tag := range ws.Langs {
			ed, err := ws.assemble(st, tag, opts)
			if err != nil {
				return nil, nil, err
			}
			eds = append(eds, ed)
		}
		for _, ed := range eds {
			if !opts.hasLang(ed.tag) {
				continue
			}
			ed.Files = []string{}
			if !ed.Built {
				for _, f := range opts.Formats {
					removals[editionPath(opts.Layout, slug, ed.Lang, f)] = true
				}
				results = append(results, ed.EditionResult)
				continue
			}
			ui := edition.NewUI(bundle, ed.tag)
			if err := ws.writeEdition(plan, st, ed, eds, opts, ui, bundle); err != nil {
				return nil, nil, err
			}
			ed.UIFallback = ui.Missing
			results = append(results, ed.EditionResult)
		}
		if opts.Progress != nil {
			opts.Progress(n+1, len(slugs))
		}
	}
	m := &Manifest{results: results}
	m.Policy.Require, m.Policy.Fallback, m.Policy.MinCoverage, m.Policy.Formats, m.Policy.Layout = opts.Require, opts.Fallback, opts.MinCoverage, opts.Formats, opts.Layout
	scope := make(map[string]bool, len(slugs))
	for _, s := range slugs {
		scope[s] = true
	}
	inScope := func(e EditionResult) bool {
		return scope[e.Article] && opts.hasLang(language.Make(e.Lang))
	}
	m.Editions = ws.mergeEditions(opts.Previous, results, inScope, all, removals)
	if opts.Layout == LayoutDefault && (len(opts.Articles) == 0 || opts.Previous != nil) {
		if err := ws.writeIndexes(plan, m.Editions, opts, bundle); err != nil {
			return nil, nil, err
		}
	}
	written := map[string]bool{}
	for _, c := range plan.Changes {
		if !c.Remove {
			written[c.Path] = true
		}
	}
	for p := range removals {
		if !written[p] {
			plan.remove(p)
		}
	}
	// A build removes only what an earlier build wrote; the manifest lists
	// what the folder holds from builds.
	kept := plan.Changes[:0]
	files := map[string]bool{}
	if opts.Previous != nil {
		opts.Previous.owned("") // index the files
		for p := range opts.Previous.files {
			files[p] = true
		}
	}
	for _, c := range plan.Changes {
		switch {
		case !c.Remove:
			files[c.Path] = true
		case opts.Previous.owned(c.Path):
			delete(files, c.Path)
		default:
			continue
		}
		kept = append(kept, c)
	}
	plan.Changes = kept
	m.Files = make([]string, 0, len(files))
	for p := range files {
		m.Files = append(m.Files, p)
	}
	sort.Strings(m.Files)
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	plan.write("manifest.json", append(data, '\n'))
	plan.sort()
	return plan, m, nil
}

// mergeEditions returns the editions of the new manifest: this build's
// results, and the editions of the previous manifest outside the build's
// scope, sorted by article and language. The files the previous manifest
// lists for an edition that is gone (its article or language no longer in
// the workspace), or for an edition in scope that this build did not write
// them for, are added to removals.
func (ws *Workspace) mergeEditions(prev *Manifest, results []EditionResult, inScope func(EditionResult) bool, slugs []string, removals map[string]bool) []EditionResult {
	type key struct{ article, lang string }
	editions := map[key]EditionResult{}
	if prev != nil {
		live := make(map[string]bool, len(slugs))
		for _, s := range slugs {
			live[s] = true
		}
		for _, e := range prev.Editions {
			gone := !live[e.Article] || !slices.ContainsFunc(ws.Langs, func(t language.Tag) bool { return t.String() == e.Lang })
			if gone || inScope(e) {
				for _, f := range e.Files {
					if listedFile(e, f) {
						removals[f] = true
					}
				}
			}
			if !gone && !inScope(e) {
				editions[key{e.Article, e.Lang}] = e
			}
		}
	}
	for _, e := range results {
		editions[key{e.Article, e.Lang}] = e
	}
	out := []EditionResult{}
	for _, slug := range slugs {
		for _, tag := range ws.Langs {
			if e, ok := editions[key{slug, tag.String()}]; ok {
				out = append(out, e)
			}
		}
	}
	return out
}

// escapeName escapes an article's name for a relative URL, each folder of
// it on its own.
func escapeName(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// listedFile reports whether name, listed in a manifest for an edition, is
// a file a build writes for it, in either layout: a manifest that was
// edited or damaged must not make a build remove anything else.
func listedFile(e EditionResult, name string) bool {
	if e.Lang == "" || strings.ContainsAny(e.Lang, "/\\.") || !fs.ValidPath(e.Article) || strings.Contains(e.Article, "\\") {
		return false
	}
	if !fs.ValidPath(name) {
		return false
	}
	for _, l := range []Layout{LayoutDefault, LayoutHugo} {
		for _, f := range []string{"md", "html"} {
			if name == editionPath(l, e.Article, e.Lang, f) {
				return true
			}
		}
	}
	return false
}

// editionPath is where an edition's file of a format goes in a layout.
func editionPath(layout Layout, slug, lang, format string) string {
	if layout == LayoutHugo {
		return path.Join("content", slug+"."+lang+"."+format)
	}
	return path.Join(lang, slug+"."+format)
}

// PercentText formats a coverage percentage as a whole number, rounded
// down, as the build shows it everywhere (table, reasons, index pages): it
// says 100 only when everything is done, and never more than the share a
// --min-coverage is compared with.
func PercentText(p float64) string {
	return strconv.FormatFloat(math.Floor(p), 'f', 0, 64)
}

func hasFormat(formats []string, f string) bool {
	for _, x := range formats {
		if x == f {
			return true
		}
	}
	return false
}

// uiBundle loads the UI strings of every language: the strings tilmash
// ships (edition.DefaultUI), overridden message by message by the
// workspace's own locales/<lang>/ui.<lang>.toml.
func (ws *Workspace) uiBundle() (*i18n.Bundle, error) {
	b := i18n.NewBundle(ws.Langs[0])
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, tag := range ws.Langs {
		if data := edition.DefaultUI(tag); data != nil {
			if _, err := b.ParseMessageFileBytes(data, "ui."+tag.String()+".toml"); err != nil {
				return nil, fmt.Errorf("tilmash's own UI strings for %s: %w", tag, err)
			}
		}
		p := ws.UIPath(tag)
		data, err := ws.readFile(p)
		if err != nil {
			return nil, err
		}
		if data == nil {
			continue
		}
		if _, err := b.ParseMessageFileBytes(data, p); err != nil {
			return nil, fmt.Errorf("%s: %w: fix the file, or delete it to use tilmash's defaults", p, err)
		}
	}
	return b, nil
}

// assemble fills an edition's segments by the policy.
func (ws *Workspace) assemble(st *articleState, tag language.Tag, opts BuildOptions) (*editionBuild, error) {
	src := st.src
	ed := &editionBuild{tag: tag}
	ed.Article, ed.Lang, ed.SourceLang = st.slug, tag.String(), src.art.Lang.String()
	n := len(st.units)
	ed.Coverage.Segments = n
	texts := make([]string, n)
	langs := make([]language.Tag, n)
	var fbTag language.Tag
	if tag == src.art.Lang {
		for i, u := range st.units {
			texts[i], langs[i] = u.Text, tag
		}
		ed.Coverage.Finished = n
	} else {
		states, err := ws.segmentStates(st, tag)
		if err != nil {
			return nil, err
		}
		counts := &StateCounts{}
		for _, s := range states {
			switch s.State {
			case Missing:
				counts.Missing++
			case Stale:
				counts.Stale++
			case Translated:
				counts.Translated++
			case Reviewed:
				counts.Reviewed++
			}
		}
		ed.Coverage.States = counts
		var fb []SegmentStatus
		switch opts.Fallback {
		case "none":
		case "source":
			fbTag = src.art.Lang
		default:
			fbTag = language.Make(opts.Fallback)
			if fbTag != src.art.Lang && fbTag != tag {
				if fb, err = ws.segmentStates(st, fbTag); err != nil {
					return nil, err
				}
			}
		}
		finished := func(s SegmentStatus) bool {
			return s.State == Reviewed || s.State == Translated && opts.Require == Translated
		}
		for i, s := range states {
			switch {
			case finished(s):
				texts[i], langs[i] = edition.Strip(s.Translation), tag
				ed.Coverage.Finished++
			case fbTag == src.art.Lang:
				texts[i], langs[i] = s.Source, fbTag
			case fb != nil && finished(fb[i]):
				texts[i], langs[i] = edition.Strip(fb[i].Translation), fbTag
			default:
				ed.Coverage.Unfilled++
				continue
			}
			if langs[i] != tag {
				ed.Coverage.Fallback++
				ed.FallbackSegments = append(ed.FallbackSegments, s.ID)
				ed.FallbackLang = fbTag.String()
			}
		}
	}
	ed.Coverage.Percent = 100 * float64(ed.Coverage.Finished) / float64(max(n, 1))
	switch {
	case ed.Coverage.Unfilled > 0:
		ed.Reason = unfilledReason(ed, opts, fbTag, ws.CatalogPath(st.slug, tag))
		return ed, nil
	case ed.Coverage.Fallback > 0 && ed.Coverage.Percent < opts.MinCoverage:
		ed.Reason = fmt.Sprintf("only %s%% of the segments are %s and %d would be shown in %s; the minimum is %g%%: %s, or lower it with --min-coverage %d",
			PercentText(ed.Coverage.Percent), opts.Require, ed.Coverage.Fallback, ed.FallbackLang, opts.MinCoverage,
			finishAdvice(ed, opts, "the rest", ws.CatalogPath(st.slug, tag)), ed.Coverage.floorPercent())
		return ed, nil
	}
	ed.title, ed.titleLang = texts[0], langs[0]
	for _, t := range texts {
		ed.words += CountWords(t)
	}
	body := func(marked bool) ([]byte, error) {
		return segment.AssembleFunc(src.doc, func(i int) (string, error) {
			seg := src.doc.Segments[i]
			md := src.doc.Raw(i)
			if texts[i+1] != seg.Text {
				var err error
				if md, err = segment.Render(seg, texts[i+1]); err != nil {
					return "", &renderError{id: st.units[i+1].ID, lang: langs[i+1], err: err}
				}
			}
			if marked && langs[i+1] != tag {
				md = edition.Mark(md, langs[i+1])
			}
			return md, nil
		})
	}
	var err error
	if ed.markdown, err = body(false); err == nil {
		ed.marked = ed.markdown
		if ed.Coverage.Fallback > 0 { // only fallback segments carry marks
			ed.marked, err = body(true)
		}
	}
	var re *renderError
	if errors.As(err, &re) {
		// A translation that breaks its segment's markup makes its edition
		// unbuildable, not the whole build.
		ed.Reason = fmt.Sprintf("%s: segment %s: %v: fix the translation", ws.CatalogPath(st.slug, re.lang), re.id, re.err)
		return ed, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s edition: %w", ws.ArticlePath(st.slug), tag, err)
	}
	ed.Built = true
	ed.Title = ed.title
	return ed, nil
}

// renderError is a translation that cannot take its segment's place.
type renderError struct {
	id   string
	lang language.Tag
	err  error
}

func (e *renderError) Error() string { return fmt.Sprintf("segment %s: %v", e.id, e.err) }
func (e *renderError) Unwrap() error { return e.err }

// unfilledReason says why an edition has segments with nothing to show,
// and how to get it built.
func unfilledReason(ed *editionBuild, opts BuildOptions, fbTag language.Tag, catalog string) string {
	c := ed.Coverage
	var parts []string
	if s := c.States; s != nil {
		if s.Missing > 0 {
			parts = append(parts, fmt.Sprintf("%d missing", s.Missing))
		}
		if s.Stale > 0 {
			parts = append(parts, fmt.Sprintf("%d stale", s.Stale))
		}
		if opts.Require == Reviewed && s.Translated > 0 {
			parts = append(parts, fmt.Sprintf("%d translated but not reviewed", s.Translated))
		}
	}
	notDone := c.Segments - c.Finished
	msg := fmt.Sprintf("%d of %d %s %s not %s (%s)", notDone, c.Segments, plural(c.Segments, "segment", "segments"), plural(notDone, "is", "are"), opts.Require, strings.Join(parts, ", "))
	if opts.Fallback == "none" {
		msg += " and there is no fallback"
	} else {
		msg += fmt.Sprintf(" and the %s fallback has no %s text for %d of them", fbTag, opts.Require, c.Unfilled)
	}
	return fmt.Sprintf("%s: %s, or build with --fallback source --min-coverage %d", msg, finishAdvice(ed, opts, plural(notDone, "it", "them"), catalog), c.floorPercent())
}

// finishAdvice says how to finish the unfinished segments of an edition
// (what names them): the command that pulls them for translation, with the
// message file they go to, or the command that reviews them.
func finishAdvice(ed *editionBuild, opts BuildOptions, what, catalog string) string {
	scope := "--lang " + ed.Lang + " --article " + shellWord(ed.Article)
	review := "tilmash review " + scope
	s := ed.Coverage.States
	if s == nil || s.Missing+s.Stale > 0 {
		msg := fmt.Sprintf("translate %s (tilmash pull %s; message file %s)", what, scope, catalog)
		if opts.Require == Reviewed {
			msg += ", then review (" + review + ")"
		}
		return msg
	}
	return fmt.Sprintf("review %s (%s)", what, review)
}

// floorPercent is the coverage percentage rounded down: the highest whole
// --min-coverage the edition meets.
func (c Coverage) floorPercent() int {
	return c.Finished * 100 / max(c.Segments, 1)
}

// shellWord quotes s for a shell command line when it needs it.
func shellWord(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.,/+=:@%", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}

// plural picks the English form for a count: plural(1, "segment",
// "segments").
func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// writeEdition adds an edition's files to the plan.
func (ws *Workspace) writeEdition(plan *Plan, st *articleState, ed *editionBuild, all []*editionBuild, opts BuildOptions, ui *edition.UI, bundle *i18n.Bundle) error {
	a := st.src.art
	if hasFormat(opts.Formats, "md") {
		fm := edition.FrontMatter{
			Title: ed.title, Lang: ed.Lang, TranslationKey: st.slug,
			Author: a.Author, Source: a.Source, Fallback: ed.FallbackSegments,
		}
		if a.Date != nil {
			fm.Date = *a.Date
		}
		if ed.tag != a.Lang {
			fm.TranslationOf = st.slug + "." + a.Lang.String()
		}
		data, err := edition.Markdown(fm, ed.markdown)
		if err != nil {
			return err
		}
		p := editionPath(opts.Layout, st.slug, ed.Lang, "md")
		plan.write(p, data)
		ed.Files = append(ed.Files, p)
	}
	if !hasFormat(opts.Formats, "html") {
		return nil
	}
	p := editionPath(opts.Layout, st.slug, ed.Lang, "html")
	body, err := edition.HTML(ed.marked)
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	pg := page.Edition{
		Lang:            ed.Lang,
		Title:           ed.title,
		Body:            body,
		AlternatesLabel: ui.T("edition_other_languages", nil, nil),
		Footer:          ui.T("copyright", nil, nil),
	}
	if ed.tag == a.Lang {
		pg.Kicker = ui.Upper(ui.T("edition_original", nil, nil))
	} else {
		pg.Kicker = ui.Upper(ui.T(edition.TranslatedFromID(a.Lang), nil, nil))
	}
	minutes := edition.ReadingMinutes(ed.words)
	pg.Meta = append(pg.Meta, ui.T("edition_reading_time", map[string]any{"Count": minutes}, minutes))
	if a.Date != nil {
		date, missing := formatDate(bundle, ed.tag, *a.Date)
		pg.Meta = append(pg.Meta, date)
		ui.Missing = append(ui.Missing, missing...)
	}
	if ed.Coverage.Fallback > 0 {
		pg.Notice = ui.T("edition_fallback_notice", nil, nil)
		if ed.FallbackLang != a.Lang.String() {
			pg.Notice = ui.T("edition_fallback_notice_lang", map[string]any{"Language": edition.LanguageName(language.Make(ed.FallbackLang))}, nil)
		}
	}
	if a.Source != "" {
		// "Source: golosislama.com", linked to the original.
		where := a.Source
		if u, err := url.Parse(a.Source); err == nil && u.Host != "" {
			where = strings.TrimPrefix(u.Host, "www.")
		}
		pg.Source = page.Link{Label: ui.T("edition_source", nil, nil) + ": " + where, Href: a.Source}
	}
	for _, o := range all {
		if o.Built {
			pg.Alternates = append(pg.Alternates, page.Alternate{
				Lang: o.Lang, Name: edition.LanguageName(o.tag), Current: o == ed,
				Href: strings.Repeat("../", strings.Count(st.slug, "/")+1) + o.Lang + "/" + escapeName(st.slug) + ".html",
			})
		}
	}
	var buf strings.Builder
	if err := page.WriteEdition(&buf, pg); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	plan.write(p, []byte(buf.String()))
	ed.Files = append(ed.Files, p)
	return nil
}

// formatDate writes a date as the language does ("12 June 2022",
// "12 июня 2022 г.", "2022 жылғы 12 маусым", "12 Haziran 2022") with the
// UI strings edition_date and month_1 to month_12. When the language lacks
// them, the date is written in ISO 8601 (2022-06-12), which reads the same
// in every language, rather than with another language's month names; the
// IDs it lacked are returned.
func formatDate(bundle *i18n.Bundle, tag language.Tag, d toml.LocalDate) (string, []string) {
	loc := i18n.NewLocalizer(bundle, tag.String())
	localize := func(id string, data map[string]any) (string, bool) {
		s, got, err := loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
		return s, err == nil && got == tag && s != ""
	}
	monthID := fmt.Sprintf("month_%d", d.Month)
	month, monthOK := localize(monthID, nil)
	s, dateOK := localize("edition_date", map[string]any{"Day": d.Day, "Month": month, "Year": d.Year})
	var missing []string
	if !dateOK {
		missing = append(missing, "edition_date")
	}
	if !monthOK {
		missing = append(missing, monthID)
	}
	if len(missing) > 0 {
		return d.String(), missing
	}
	return s, nil
}

// writeIndexes adds each language's list of the editions in the manifest
// that have an HTML page, sorted by the language's collation. The index of
// a language that has no such edition is removed, if the build covers the
// language or the manifest was merged with the previous one.
func (ws *Workspace) writeIndexes(plan *Plan, editions []EditionResult, opts BuildOptions, bundle *i18n.Bundle) error {
	index := map[string][]page.IndexEntry{}
	for _, ed := range editions {
		if !ed.Built || !slices.Contains(ed.Files, editionPath(LayoutDefault, ed.Article, ed.Lang, "html")) {
			continue
		}
		ui := edition.NewUI(bundle, language.Make(ed.Lang))
		e := page.IndexEntry{Title: ed.Title, Href: escapeName(ed.Article) + ".html", Percent: ed.Coverage.Percent}
		if slices.Contains(ed.FallbackSegments, TitleID) {
			e.Lang = ed.FallbackLang
		}
		if ed.Lang == ed.SourceLang {
			e.Coverage = ui.T("edition_original", nil, nil)
		} else {
			e.Coverage = ui.T("edition_coverage", map[string]any{"Percent": PercentText(ed.Coverage.Percent)}, nil)
		}
		index[ed.Lang] = append(index[ed.Lang], e)
	}
	var alts []page.Alternate
	for _, tag := range ws.Langs {
		if _, ok := index[tag.String()]; ok {
			alts = append(alts, page.Alternate{Lang: tag.String(), Name: edition.LanguageName(tag), Href: "../" + tag.String() + "/index.html"})
		}
	}
	for _, tag := range ws.Langs {
		p := path.Join(tag.String(), "index.html")
		entries, ok := index[tag.String()]
		if !ok {
			// With the previous manifest, the new one lists every edition
			// in the folder; without it, only those of the build's scope.
			if opts.hasLang(tag) || opts.Previous != nil {
				plan.remove(p)
			}
			continue
		}
		ui := edition.NewUI(bundle, tag)
		col := collate.New(tag)
		sort.SliceStable(entries, func(i, j int) bool { return col.CompareString(entries[i].Title, entries[j].Title) < 0 })
		cur := make([]page.Alternate, len(alts))
		copy(cur, alts)
		for i := range cur {
			cur[i].Current = cur[i].Lang == tag.String()
		}
		var buf strings.Builder
		err := page.WriteIndex(&buf, page.Index{
			Lang: tag.String(), Title: ui.T("edition_index_title", nil, nil), Footer: ui.T("copyright", nil, nil),
			Entries: entries, Alternates: cur, AlternatesLabel: ui.T("edition_other_languages", nil, nil),
		})
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		plan.write(p, []byte(buf.String()))
	}
	return nil
}
