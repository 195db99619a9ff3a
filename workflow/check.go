package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/check"
	"github.com/tilmash/tilmash/workflow/edition"
	"github.com/tilmash/tilmash/workflow/glossary"
	"github.com/tilmash/tilmash/workflow/segment"
)

// Finding is one problem tilmash check found in a translation or in the
// UI strings of a language.
type Finding struct {
	// Article is the article's slug, or "ui" for the UI strings.
	Article string `json:"article"`
	Lang    string `json:"lang"`
	// ID is the segment's or the UI message's ID; empty when the finding is
	// about a whole file.
	ID string `json:"id"`
	// File is the message file of the translation, relative to the
	// workspace and slash-separated.
	File string `json:"file"`
	// Line is the line of the message in File; 0 when the message is not in
	// the file.
	Line int `json:"line"`
	// Check is the stable name of the check (see package check, plus
	// "missing" and "unused" for UI messages).
	Check    string         `json:"check"`
	Severity check.Severity `json:"severity"`
	// Message says where (File:Line and the segment or message ID), what
	// is wrong and what to do, in one line.
	Message string `json:"message"`
}

// Where returns File:Line, or File when the line is not known.
func (f Finding) Where() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return f.File
}

// The checks of UI strings files that package check does not do.
const (
	// checkMissing: a message of the reference language's UI strings is
	// not translated (editions show it in the reference language).
	checkMissing = "missing"
	// checkUnused: a message no edition shows (not in the reference
	// language's UI strings; a typo in its ID, often).
	checkUnused = "unused"
)

// Check runs the QA checks of package check over the translated and
// reviewed segments of every article (missing and stale segments have no
// current translation to check: status lists them) in every target
// language, and over the UI strings files locales/<lang>/ui.<lang>.toml:
// plural forms complete for the language, template actions kept, every
// message of the reference language (the first of the workspace's
// languages) translated.
//
// The filter narrows the articles and languages; the article name "ui"
// selects the UI strings, which are checked when no article is named.
// Findings come sorted: by article (the UI strings last), language in the
// workspace's order, then segment in document order.
func (ws *Workspace) Check(ctx context.Context, f Filter) ([]Finding, error) {
	slugs, ui := []string(nil), len(f.Articles) == 0
	for _, a := range f.Articles {
		if a == UISlug {
			ui = true
		} else {
			slugs = append(slugs, a)
		}
	}
	if len(f.Articles) == 0 {
		var err error
		if slugs, err = ws.Slugs(); err != nil {
			return nil, err
		}
	}
	qa, err := ws.qaRules()
	if err != nil {
		return nil, err
	}
	var out []Finding
	for n, slug := range slugs {
		ws.progress(n, len(slugs))
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fs, err := ws.checkArticle(slug, f.Langs, qa)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	if ui {
		fs, err := ws.checkUI(f, qa)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	ws.progress(len(slugs), len(slugs))
	return out, nil
}

// qaRules are the workspace's glossary and house styles, read once per
// check.
type qaRules struct {
	glossary *glossary.Glossary // nil without glossary.toml
	styles   map[language.Tag]check.HouseStyle
}

// style returns the house style of a language.
func (q qaRules) style(tag language.Tag) check.HouseStyle {
	if s, ok := q.styles[tag]; ok {
		return s
	}
	return check.DefaultHouseStyle(tag)
}

// qaRules reads glossary.toml, when there is one, and the [style.<lang>]
// tables of tilmash.toml over each language's defaults.
func (ws *Workspace) qaRules() (qaRules, error) {
	q := qaRules{styles: map[language.Tag]check.HouseStyle{}}
	data, err := ws.readFile(glossary.FileName)
	if err != nil {
		return q, err
	}
	if data != nil {
		if q.glossary, err = glossary.Parse(glossary.FileName, data); err != nil {
			return q, err
		}
	}
	for key, st := range ws.Config.Style {
		tag, err := language.Parse(key)
		if err != nil {
			return q, fmt.Errorf("%s: [style.%s]: %q is not a language tag: name the table after one of languages (%s)", ConfigFile, key, key, strings.Join(ws.Config.Languages, ", "))
		}
		if t, ok := ws.MatchLang(tag); ok {
			tag = t
		} else {
			return q, fmt.Errorf("%s: [style.%s]: %s is not one of languages (%s): add it there or remove the table", ConfigFile, key, key, strings.Join(ws.Config.Languages, ", "))
		}
		if err := st.Validate(); err != nil {
			return q, fmt.Errorf("%s: [style.%s]: %w", ConfigFile, key, err)
		}
		q.styles[tag] = st.Over(check.DefaultHouseStyle(tag))
	}
	return q, nil
}

// moreProblems are the problems of a translation beyond check.Translation:
// the script, the house style and the glossary.
func (q qaRules) moreProblems(p check.Pair) []check.Problem {
	if strings.TrimSpace(p.Translation) == "" {
		return nil
	}
	out := check.WrongScript(p)
	out = append(out, check.CheckStyle(p.Translation, p.Lang, q.style(p.Lang), p.Template)...)
	if q.glossary != nil && !p.Template {
		for _, v := range q.glossary.Check(p.Source, p.SourceLang, p.Translation, p.Lang) {
			sev := check.Error
			if v.Check == glossary.CheckTerm {
				sev = check.Warning
			}
			out = append(out, check.Problem{Check: v.Check, Severity: sev, Message: v.Message})
		}
	}
	return out
}

// checkArticle checks the translations of one article.
func (ws *Workspace) checkArticle(slug string, langs []language.Tag, qa qaRules) ([]Finding, error) {
	// The states of the segments as tilmash status gives them, from one
	// reading of the article and of each message file.
	st, err := ws.articleState(slug)
	if err != nil {
		return nil, err
	}
	src := st.src
	// The markup behind each placeholder, for messages; found by text, so
	// that an article edited since the last sync still gets it for the
	// segments that did not change.
	var codes map[string][]segment.Code
	var out []Finding
	for _, tag := range ws.Langs {
		if _, derived := ws.DerivedFrom(tag); derived {
			continue // checked in its base language
		}
		if tag == src.art.Lang || !(Filter{Langs: langs}).hasLang(tag) {
			continue
		}
		p := ws.CatalogPath(slug, tag)
		cat, err := ws.loadArticleCatalog(slug, tag)
		if err != nil {
			return nil, err
		}
		detail, err := ws.segmentStatesIn(st, tag, cat)
		if err != nil {
			return nil, err
		}
		if codes == nil {
			codes = map[string][]segment.Code{}
			for _, s := range src.doc.Segments {
				codes[s.Text] = s.Codes
			}
		}
		for _, s := range detail {
			if s.State != Translated && s.State != Reviewed || cat == nil {
				continue
			}
			pair := check.Pair{
				Source: s.Source, Translation: s.Translation,
				SourceLang: src.art.Lang, Lang: tag,
				Codes: codes[s.Source],
			}
			probs := append(check.Translation(pair), qa.moreProblems(pair)...)
			for _, pr := range probs {
				fd := Finding{Article: slug, Lang: tag.String(), ID: s.ID, Line: cat.Line(s.ID), Check: pr.Check, Severity: pr.Severity, File: p}
				fd.Message = fmt.Sprintf("%s: segment %s: %s", fd.Where(), s.ID, pr.Message)
				if s.Line > 0 {
					fd.Message += fmt.Sprintf(" (source text at %s:%d)", ws.ArticlePath(slug), s.Line)
				}
				out = append(out, fd)
			}
		}
	}
	return out, nil
}

// checkUI checks the UI strings of every language in the filter.
func (ws *Workspace) checkUI(f Filter, qa qaRules) ([]Finding, error) {
	ref := ws.Langs[0]
	refPath := ws.UIPath(ref)
	refFile, err := ws.loadCatalog(refPath, ref)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, tag := range ws.Langs {
		if _, derived := ws.DerivedFrom(tag); derived {
			continue // transliterated from its base language
		}
		if !f.hasLang(tag) {
			continue
		}
		p := ws.UIPath(tag)
		add := func(id string, line int, c string, sev check.Severity, form check.Category, msg string) {
			fd := Finding{Article: UISlug, Lang: tag.String(), ID: id, Line: line, Check: c, Severity: sev, File: p}
			switch {
			case id != "" && form != "":
				fd.Message = fmt.Sprintf("%s: message %s, form %s: %s", fd.Where(), id, form, msg)
			case id != "":
				fd.Message = fmt.Sprintf("%s: message %s: %s", fd.Where(), id, msg)
			default:
				fd.Message = fmt.Sprintf("%s: %s", fd.Where(), msg)
			}
			out = append(out, fd)
		}
		file, err := ws.loadCatalog(p, tag)
		if err != nil {
			return nil, err
		}
		if file == nil {
			if refFile != nil && tag != ref {
				add("", 0, checkMissing, check.Warning, "", fmt.Sprintf("there are no UI strings for %s: editions in %s show them in %s; translate %s into this file", tag, tag, ref, refPath))
			}
			continue
		}
		rule, err := check.PluralRule(tag)
		if err != nil && !errors.Is(err, check.ErrNoPluralRule) {
			return nil, err
		}
		translated := tag != ref && refFile != nil
		for _, m := range file.Messages {
			im := &i18n.Message{ID: m.ID, Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many, Other: m.Other}
			var ue *edition.UIStringError
			if err := edition.CheckUIMessage(im); errors.As(err, &ue) {
				add(m.ID, file.Line(m.ID), "template", check.Error, check.Category(ue.Form), ue.Problem+"; UI strings may use only {{.Name}} references")
			} else if err != nil {
				add(m.ID, file.Line(m.ID), "template", check.Error, "", err.Error())
			}
			forms := formsOf(m)
			srcForms, inRef := forms, false
			if translated {
				rm, ok := refFile.Lookup(m.ID)
				if !ok {
					add(m.ID, file.Line(m.ID), checkUnused, check.Warning, "", fmt.Sprintf("no edition shows this message: it is not in %s; remove it, or fix its ID", refPath))
				} else {
					srcForms, inRef = formsOf(rm), true
				}
			}
			for _, pr := range check.Plural(tag, rule, srcForms, forms) {
				add(m.ID, file.Line(m.ID), pr.Check, pr.Severity, "", pr.Message)
			}
			if !inRef {
				// The reference language's strings are no translation,
				// but they follow the house style all the same.
				for _, c := range check.Categories {
					if text, ok := forms[c]; ok {
						for _, pr := range check.CheckStyle(text, tag, qa.style(tag), true) {
							add(m.ID, file.Line(m.ID), pr.Check, pr.Severity, c, pr.Message)
						}
					}
				}
				continue
			}
			for _, c := range check.Categories {
				text, ok := forms[c]
				if !ok {
					continue
				}
				source, ok := srcForms[c]
				if !ok {
					source = srcForms[check.Other]
				}
				pair := check.Pair{Source: source, Translation: text, SourceLang: ref, Lang: tag, Template: true}
				for _, pr := range append(check.Translation(pair), qa.moreProblems(pair)...) {
					add(m.ID, file.Line(m.ID), pr.Check, pr.Severity, c, pr.Message)
				}
			}
		}
		if translated {
			for _, rm := range refFile.Messages {
				if _, ok := file.Lookup(rm.ID); !ok {
					add(rm.ID, 0, checkMissing, check.Warning, "", fmt.Sprintf("the message is not translated: editions in %s show it in %s; add [%s] to this file", tag, ref, rm.ID))
				}
			}
		}
	}
	return out, nil
}

// formsOf returns the plural forms of a message that have text.
func formsOf(m catalog.Message) check.Forms {
	f := check.Forms{}
	for c, s := range map[check.Category]string{
		check.Zero: m.Zero, check.One: m.One, check.Two: m.Two,
		check.Few: m.Few, check.Many: m.Many, check.Other: m.Other,
	} {
		if s != "" {
			f[c] = s
		}
	}
	return f
}
