package workflow

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/tilmash/tilmash/workflow/glossary"
)

// This file decides which editions a build may keep as an earlier build
// wrote them: those whose inputs did not change. An edition is made from
// its article's files (the article, its message files and sidecars in
// every language: see articleFiles), the UI strings, the policy and
// tilmash itself; the index keeps, per article, the stamps of its files
// when a build read them and the key of everything else (buildKey). The
// result is byte for byte what a full build writes.

// builtArticle is an article a build assembled, for the index once its
// plan is written (see Built).
type builtArticle struct {
	name  string
	files []stamp
	at    int64
	key   string
}

// buildKey sums up what every edition depends on beside its article's
// files: the policy, the languages, the UI strings, the output folder and
// the tilmash program. "" when it cannot be known (then nothing is kept).
func (ws *Workspace) buildKey(opts BuildOptions) string {
	exe, err := os.Executable()
	if err != nil || opts.Output == "" {
		return ""
	}
	info, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	var ui []stamp
	for _, tag := range ws.Langs {
		ui = append(ui, ws.stampOf(ws.UIPath(tag), true))
	}
	// the glossary fixes forms of derived languages
	ui = append(ui, ws.stampOf(glossary.FileName, true))
	data, err := json.Marshal(map[string]any{
		"require": opts.Require, "fallback": opts.Fallback, "min": opts.MinCoverage,
		"formats": opts.Formats, "layout": opts.Layout, "langs": ws.Config.Languages, "nbsp": opts.NoBreakSpaces,
		"filter": opts.Langs, "ui": ui, "output": opts.Output,
		"exe": []any{exe, info.Size(), info.ModTime().UnixNano()},
	})
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// unchangedEditions returns the previous manifest's editions of an article
// when the build may keep them: the article's files are as the last build
// of the same key read them, the previous manifest has every edition the
// build would make, and their files are all there. Else nil.
func (ws *Workspace) unchangedEditions(slug string, e *indexEntry, key string, opts BuildOptions) []EditionResult {
	if e == nil || key == "" || e.BuildKey != key || opts.Previous == nil {
		return nil
	}
	var out []EditionResult
	for _, tag := range ws.Langs {
		if !opts.hasLang(tag) {
			continue
		}
		r, ok := opts.Previous.edition(slug, tag.String())
		if !ok {
			return nil
		}
		for _, f := range r.Files {
			if _, err := os.Stat(filepath.Join(opts.Output, filepath.FromSlash(f))); err != nil {
				return nil
			}
		}
		out = append(out, r)
	}
	return out
}

// Built tells the index that the plan of the last Build is written into
// its output folder: the editions it assembled may be kept by the next
// build of the same key when their articles do not change.
func (ws *Workspace) Built() {
	for _, b := range ws.built {
		ws.remember(b.name, b.files, b.at, func(e *indexEntry) { e.BuildKey = b.key })
	}
	ws.built = nil
	ws.saveIndex()
}
