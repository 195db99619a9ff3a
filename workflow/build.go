package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/edition"
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
	// NoBreakSpaces applies the house style's no-break spaces to the
	// translations (see check.HouseStyle.NoBreakSpaces).
	NoBreakSpaces bool
	// qa holds the house styles when NoBreakSpaces is set.
	qa *qaRules
	// Output is the output folder (absolute): a build keeps the editions
	// an earlier build wrote there when nothing they are made from
	// changed. Empty: every edition is assembled.
	Output string
	// Shard, when its N is more than 1, builds only the K-th of N parts of
	// the articles (see ShardOf) and no index pages: the parts' manifests
	// are combined by MergeManifests.
	Shard Shard
}

// Shard names the K-th (1-based) of N parts of a build.
type Shard struct{ K, N int }

// ShardOf returns the part (1 to n) an article belongs to: a hash of its
// name, so that a part keeps its articles when others are added.
func ShardOf(name string, n int) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name)) // writing to a hash never fails
	return int(h.Sum32()%uint32(n)) + 1
}

// BuildOptions returns the build defaults of tilmash.toml.
func (ws *Workspace) BuildOptions() (BuildOptions, error) {
	b := ws.Config.Build
	o := BuildOptions{Formats: b.Formats, Fallback: b.Fallback, MinCoverage: b.MinCoverage, Require: State(b.Require), Layout: Layout(b.Layout), NoBreakSpaces: b.NoBreakSpaces}
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

// editionBuild is an edition being built.
type editionBuild struct {
	EditionResult
	tag       language.Tag
	markdown  []byte // clean body
	marked    []byte // body with fallback marks
	title     string
	titleLang language.Tag // language of the title: tag, or the fallback's
	// head holds the texts of the front matter's units by ID (title,
	// description, summary), in the edition's language or the fallback's.
	head  map[string]string
	words int
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
	if opts.Shard.N > 1 {
		if opts.Shard.K < 1 || opts.Shard.K > opts.Shard.N {
			return nil, nil, &PolicyError{Err: fmt.Errorf("shard %d/%d: K must be from 1 to N", opts.Shard.K, opts.Shard.N)}
		}
		var part []string
		for _, s := range slugs {
			if ShardOf(s, opts.Shard.N) == opts.Shard.K {
				part = append(part, s)
			}
		}
		slugs = part
	}
	bundle, err := ws.uiBundle()
	if err != nil {
		return nil, nil, err
	}
	if opts.NoBreakSpaces {
		q, err := ws.qaRules()
		if err != nil {
			return nil, nil, err
		}
		opts.qa = &q
	}
	plan := &Plan{}
	removals := map[string]bool{}
	var results []EditionResult
	// An edition whose inputs did not change since the build that wrote
	// it is kept as it is, decided by the index (see buildKey).
	key := ws.buildKey(opts)
	var valid map[string]*indexEntry
	if key != "" && opts.Previous != nil && ws.dir != nil {
		valid = ws.entries(slugs)
	}
	kept := map[string]bool{}
	ws.built = nil
	for n, slug := range slugs {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if prev := ws.unchangedEditions(slug, valid[slug], key, opts); prev != nil {
			// Nothing the editions are made from changed since the last
			// build into this folder wrote them: they stay as they are.
			results = append(results, prev...)
			for _, e := range prev {
				for _, f := range e.Files {
					kept[f] = true
				}
			}
			if opts.Progress != nil {
				opts.Progress(n+1, len(slugs))
			}
			continue
		}
		files, at := ws.stamps(ws.articleFiles(slug))
		st, err := ws.articleState(slug)
		if err != nil {
			return nil, nil, err
		}
		if st.outOfDate {
			return nil, nil, fmt.Errorf("%s changed since the last sync: run tilmash sync, then build", ws.ArticlePath(slug))
		}
		ws.built = append(ws.built, builtArticle{name: slug, files: files, at: at, key: key})
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
					removals[editionPath(opts.Layout, slug, ed.Lang, f, ws.isBundle(slug))] = true
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
	if opts.Layout == LayoutDefault && opts.Shard.N <= 1 && (len(opts.Articles) == 0 || opts.Previous != nil) {
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
		if !written[p] && !kept[p] {
			plan.remove(p)
		}
	}
	// A build removes only what an earlier build wrote; the manifest lists
	// what the folder holds from builds.
	changes := plan.Changes[:0]
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
		changes = append(changes, c)
	}
	plan.Changes = changes
	if err := plan.writeManifest(m, files); err != nil {
		return nil, nil, err
	}
	return plan, m, nil
}

// writeManifest lists files, sorted, as the files m says the build wrote,
// and adds manifest.json to the plan, which it then sorts.
func (p *Plan) writeManifest(m *Manifest, files map[string]bool) error {
	m.Files = make([]string, 0, len(files))
	for f := range files {
		m.Files = append(m.Files, f)
	}
	sort.Strings(m.Files)
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	p.write("manifest.json", append(data, '\n'))
	p.sort()
	return nil
}
