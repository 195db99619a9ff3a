package workflow

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/article"
	"github.com/tilmash/tilmash/workflow/edition"
	"github.com/tilmash/tilmash/workflow/page"
)

// This file composes the pages of a build: editions and index pages.

// escapeName escapes an article's name for a relative URL, each folder of
// it on its own.
func escapeName(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// writeEdition adds an edition's files to the plan.
func (ws *Workspace) writeEdition(plan *Plan, st *articleState, ed *editionBuild, all []*editionBuild, opts BuildOptions, ui *edition.UI, bundle *i18n.Bundle) error {
	a := st.src.art
	if hasFormat(opts.Formats, "md") {
		data, err := writeFrontMatter(st, ed)
		if err != nil {
			return fmt.Errorf("%s: %s edition: %w", ws.ArticlePath(st.slug), ed.Lang, err)
		}
		if len(ed.markdown) > 0 && ed.markdown[0] != '\n' {
			data = append(data, '\n')
		}
		data = append(data, ed.markdown...)
		p := editionPath(opts.Layout, st.slug, ed.Lang, "md", ws.isBundle(st.slug))
		plan.write(p, data)
		ed.Files = append(ed.Files, p)
	}
	if !hasFormat(opts.Formats, "html") {
		return nil
	}
	p := editionPath(opts.Layout, st.slug, ed.Lang, "html", false)
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
		if !ed.Built || !slices.Contains(ed.Files, editionPath(LayoutDefault, ed.Article, ed.Lang, "html", false)) {
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

// writeFrontMatter writes an edition's front matter in the format of the
// article's (YAML stays YAML, TOML stays TOML), every key of the source
// carried over as written, except: title, description and summary in the
// edition's language; lang; Hugo's translationKey tying the editions
// together; translation_of naming the source; fallback listing the
// segments shown in another language; the aliases of the source left to
// the source edition (two pages cannot answer one URL).
func writeFrontMatter(st *articleState, ed *editionBuild) ([]byte, error) {
	a := st.src.art
	key := a.TranslationKey
	if key == "" {
		key = st.slug
	}
	sets := []article.Set{
		{Key: "title", Value: ed.title},
		{Key: "lang", Value: ed.tag.String()},
		{Key: "translationKey", Value: key},
	}
	for key, id := range map[string]string{"description": DescriptionID, "summary": SummaryID} {
		if t, ok := ed.head[id]; ok {
			sets = append(sets, article.Set{Key: key, Value: t})
		}
	}
	if a.Date != nil && a.Line("date") == 0 {
		sets = append(sets, article.Set{Key: "date", Value: *a.Date}) // from a Jekyll post's name
	}
	if ed.tag != a.Lang {
		sets = append(sets, article.Set{Key: "translation_of", Value: st.slug + "." + a.Lang.String()}, article.Set{Key: "aliases", Value: nil})
	}
	if len(ed.FallbackSegments) > 0 {
		sets = append(sets, article.Set{Key: "fallback", Value: ed.FallbackSegments})
	}
	return a.FrontMatter(sets...)
}
