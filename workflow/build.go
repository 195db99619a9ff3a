package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/edition"
	"github.com/tilmash/tilmash/workflow/page"
	"github.com/tilmash/tilmash/workflow/segment"
)

// BuildOptions are the policy and scope of a build.
type BuildOptions struct {
	Filter
	// Formats are "md" and/or "html".
	Formats []string
	// Require is what counts as finished: Translated or Reviewed.
	Require State
	// Fallback fills unfinished segments: "none", "source" or a language tag.
	Fallback string
	// MinCoverage is the share of finished segments (percent) an edition
	// filled by a fallback needs to be built.
	MinCoverage float64
	// Progress, if set, is called after each article.
	Progress func(done, total int)
}

// BuildOptions returns the build defaults of tilmash.toml.
func (ws *Workspace) BuildOptions() (BuildOptions, error) {
	b := ws.Config.Build
	o := BuildOptions{Formats: b.Formats, Fallback: b.Fallback, MinCoverage: b.MinCoverage, Require: State(b.Require)}
	if o.Require == "" {
		o.Require = Translated
	}
	if o.Fallback == "" {
		o.Fallback = "none"
	}
	if len(o.Formats) == 0 {
		o.Formats = []string{"md", "html"}
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
	for _, f := range o.Formats {
		if f != "md" && f != "html" {
			return fmt.Errorf("format %q: use md, html or both", f)
		}
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
	// Finished segments are translated (or reviewed, as the policy requires).
	Finished int `json:"finished"`
	// Fallback segments are shown in another language.
	Fallback int `json:"fallback"`
	// Missing segments have nothing to show.
	Missing int     `json:"missing"`
	Percent float64 `json:"percent"`
}

// EditionResult says what became of one article in one language.
type EditionResult struct {
	Article    string   `json:"article"`
	Lang       string   `json:"lang"`
	SourceLang string   `json:"source_lang"`
	Title      string   `json:"title"`
	Built      bool     `json:"built"`
	Reason     string   `json:"reason,omitempty"`
	Files      []string `json:"files"`
	Coverage   Coverage `json:"coverage"`
	// FallbackLang is the language of the fallback segments.
	FallbackLang     string   `json:"fallback_lang,omitempty"`
	FallbackSegments []string `json:"fallback_segments,omitempty"`
	// UIFallback lists UI strings missing in the edition's language.
	UIFallback []string `json:"ui_fallback,omitempty"`
}

// Manifest says what a build built, what it did not and why.
type Manifest struct {
	Policy struct {
		Require     State    `json:"require"`
		Fallback    string   `json:"fallback"`
		MinCoverage float64  `json:"min_coverage"`
		Formats     []string `json:"formats"`
	} `json:"policy"`
	Editions []EditionResult `json:"editions"`
}

// Failed returns the editions that were not built.
func (m *Manifest) Failed() []EditionResult {
	var out []EditionResult
	for _, e := range m.Editions {
		if !e.Built {
			out = append(out, e)
		}
	}
	return out
}

// edition is an edition being built.
type editionBuild struct {
	EditionResult
	tag      language.Tag
	markdown []byte // clean body
	marked   []byte // body with fallback marks
	title    string
	words    int
}

// Build assembles the editions and returns the files to write, relative
// to the output folder, with the manifest (also among the files).
func (ws *Workspace) Build(ctx context.Context, opts BuildOptions) (*Plan, *Manifest, error) {
	if err := opts.check(ws); err != nil {
		return nil, nil, err
	}
	slugs := opts.Articles
	if len(slugs) == 0 {
		var err error
		if slugs, err = ws.Slugs(); err != nil {
			return nil, nil, err
		}
	}
	bundle, err := ws.uiBundle()
	if err != nil {
		return nil, nil, err
	}
	m := &Manifest{}
	m.Policy.Require, m.Policy.Fallback, m.Policy.MinCoverage, m.Policy.Formats = opts.Require, opts.Fallback, opts.MinCoverage, opts.Formats
	plan := &Plan{}
	index := map[language.Tag][]page.IndexEntry{}
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
		var eds []*editionBuild
		for _, tag := range ws.Langs {
			if !opts.hasLang(tag) {
				continue
			}
			ed, err := ws.assemble(st, tag, opts)
			if err != nil {
				return nil, nil, err
			}
			eds = append(eds, ed)
		}
		for _, ed := range eds {
			if ed.Built {
				if err := ws.writeEdition(plan, st, ed, eds, opts, bundle); err != nil {
					return nil, nil, err
				}
				index[ed.tag] = append(index[ed.tag], page.IndexEntry{Title: ed.title, Href: url.PathEscape(slug) + ".html", Percent: ed.Coverage.Percent})
			}
			m.Editions = append(m.Editions, ed.EditionResult)
		}
		if opts.Progress != nil {
			opts.Progress(n+1, len(slugs))
		}
	}
	if hasFormat(opts.Formats, "html") {
		if err := ws.writeIndexes(plan, index, bundle); err != nil {
			return nil, nil, err
		}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	plan.write("manifest.json", append(data, '\n'))
	plan.sort()
	return plan, m, nil
}

func hasFormat(formats []string, f string) bool {
	for _, x := range formats {
		if x == f {
			return true
		}
	}
	return false
}

// uiBundle loads the UI strings of every language.
func (ws *Workspace) uiBundle() (*i18n.Bundle, error) {
	b := i18n.NewBundle(ws.Langs[0])
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, tag := range ws.Langs {
		p := ws.UIPath(tag)
		data, err := ws.readFile(p)
		if err != nil {
			return nil, err
		}
		if data == nil {
			continue
		}
		if _, err := b.ParseMessageFileBytes(data, p); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
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
		var fb []SegmentStatus
		var fbTag language.Tag
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
				ed.Coverage.Missing++
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
	case ed.Coverage.Missing > 0:
		ed.Reason = fmt.Sprintf("%d of %d segments are not %s and no fallback fills them", ed.Coverage.Missing, n, opts.Require)
		return ed, nil
	case ed.Coverage.Fallback > 0 && ed.Coverage.Percent < opts.MinCoverage:
		ed.Reason = fmt.Sprintf("only %.1f%% of the segments are %s; the minimum is %g%%", ed.Coverage.Percent, opts.Require, opts.MinCoverage)
		return ed, nil
	}
	ed.Built = true
	ed.title = texts[0]
	ed.Title = texts[0]
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
					return "", fmt.Errorf("%s translation of %s: %w", tag, st.units[i+1].ID, err)
				}
			}
			if marked && langs[i+1] != tag {
				md = edition.Mark(md, langs[i+1])
			}
			return md, nil
		})
	}
	var err error
	if ed.markdown, err = body(false); err != nil {
		return nil, fmt.Errorf("%s: %w", ws.ArticlePath(st.slug), err)
	}
	if ed.marked, err = body(true); err != nil {
		return nil, err
	}
	return ed, nil
}

// writeEdition adds an edition's files to the plan.
func (ws *Workspace) writeEdition(plan *Plan, st *articleState, ed *editionBuild, all []*editionBuild, opts BuildOptions, bundle *i18n.Bundle) error {
	a := st.src.art
	dir := ed.Lang
	base := path.Join(dir, st.slug)
	if hasFormat(opts.Formats, "md") {
		fm := edition.FrontMatter{
			Title: ed.title, Lang: ed.Lang, TranslationKey: st.slug,
			Date: a.Date, Author: a.Author, Source: a.Source, Fallback: ed.FallbackSegments,
		}
		if ed.tag != a.Lang {
			fm.TranslationOf = st.slug + "." + a.Lang.String()
		}
		data, err := edition.Markdown(fm, ed.markdown)
		if err != nil {
			return err
		}
		plan.write(base+".md", data)
		ed.Files = append(ed.Files, base+".md")
	}
	if !hasFormat(opts.Formats, "html") {
		return nil
	}
	ui := edition.NewUI(bundle, ed.tag)
	body, err := edition.HTML(ed.marked)
	if err != nil {
		return err
	}
	p := page.Edition{
		Lang:            ed.Lang,
		Title:           ed.title,
		Body:            body,
		AlternatesLabel: ui.T("edition_other_languages", nil, nil),
		Footer:          ui.T("copyright", nil, nil),
	}
	if ed.tag == a.Lang {
		p.Kicker = ui.Upper(ui.T("edition_original", nil, nil))
	} else {
		p.Kicker = ui.Upper(ui.T(edition.TranslatedFromID(a.Lang), nil, nil))
	}
	minutes := edition.ReadingMinutes(ed.words)
	p.Meta = append(p.Meta, ui.T("edition_reading_time", map[string]any{"Count": minutes}, minutes))
	if a.Date != nil {
		p.Meta = append(p.Meta, a.Date.String())
	}
	if ed.Coverage.Fallback > 0 {
		p.Notice = ui.T("edition_fallback_notice", nil, nil)
	}
	if a.Source != "" {
		p.Source = page.Link{Label: ui.T("edition_source", nil, nil), Href: a.Source}
	}
	for _, o := range all {
		if o.Built {
			p.Alternates = append(p.Alternates, page.Alternate{
				Lang: o.Lang, Name: edition.LanguageName(o.tag), Current: o == ed,
				Href: "../" + o.Lang + "/" + url.PathEscape(st.slug) + ".html",
			})
		}
	}
	var buf strings.Builder
	if err := page.WriteEdition(&buf, p); err != nil {
		return fmt.Errorf("%s: %w", base+".html", err)
	}
	plan.write(base+".html", []byte(buf.String()))
	ed.Files = append(ed.Files, base+".html")
	ed.UIFallback = ui.Missing
	return nil
}

// writeIndexes adds each language's list of editions, sorted by the
// language's collation.
func (ws *Workspace) writeIndexes(plan *Plan, index map[language.Tag][]page.IndexEntry, bundle *i18n.Bundle) error {
	var alts []page.Alternate
	for _, tag := range ws.Langs {
		if _, ok := index[tag]; ok {
			alts = append(alts, page.Alternate{Lang: tag.String(), Name: edition.LanguageName(tag), Href: "../" + tag.String() + "/index.html"})
		}
	}
	for _, tag := range ws.Langs {
		entries, ok := index[tag]
		if !ok {
			continue
		}
		ui := edition.NewUI(bundle, tag)
		col := collate.New(tag)
		sort.SliceStable(entries, func(i, j int) bool { return col.CompareString(entries[i].Title, entries[j].Title) < 0 })
		for i := range entries {
			entries[i].Coverage = ui.T("edition_coverage", map[string]any{"Percent": fmt.Sprintf("%.0f", entries[i].Percent)}, nil)
		}
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
			return err
		}
		plan.write(path.Join(tag.String(), "index.html"), []byte(buf.String()))
	}
	return nil
}
