package workflow

import (
	"encoding/json"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// This file holds the manifest: what a build wrote and why, and which
// files of the output folder a build owns.

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
	// files indexes Files and the editions' files, for owned; byKey the
	// editions by article and language.
	files map[string]bool
	byKey map[[2]string]int
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
			for _, bundle := range []bool{false, true} {
				if name == editionPath(l, e.Article, e.Lang, f, bundle) {
					return true
				}
			}
		}
	}
	return false
}

// editionPath is where an edition's file of a format goes in a layout. In
// the Hugo layout, the edition of a page bundle (news/floods/index.md)
// goes into the bundle (news/floods/index.ru.md), beside its resources.
func editionPath(layout Layout, slug, lang, format string, bundle bool) string {
	if layout == LayoutHugo {
		if bundle {
			return path.Join("content", slug, "index."+lang+"."+format)
		}
		return path.Join("content", slug+"."+lang+"."+format)
	}
	return path.Join(lang, slug+"."+format)
}

// isBundle reports whether an article is a page bundle's index file.
func (ws *Workspace) isBundle(name string) bool {
	base := path.Base(ws.ArticlePath(name))
	return strings.HasPrefix(base, "index.") && path.Base(name) != "index"
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

// edition returns the manifest's edition of an article in a language,
// through an index made once.
func (m *Manifest) edition(article, lang string) (EditionResult, bool) {
	if m.byKey == nil {
		m.byKey = make(map[[2]string]int, len(m.Editions))
		for i, e := range m.Editions {
			m.byKey[[2]string{e.Article, e.Lang}] = i
		}
	}
	i, ok := m.byKey[[2]string{article, lang}]
	if !ok {
		return EditionResult{}, false
	}
	return m.Editions[i], true
}
