package workflow

import (
	"fmt"
	"slices"
)

// This file combines the manifests of a build split over machines.

// MergeManifests combines the manifests of the parts of a build (build
// --shard K/N, each into its own folder, the folders' files then copied
// into one) into the manifest of the whole, and returns it with the files
// to write beside it: the index pages (default layout), which only the
// whole knows, and manifest.json. The result is what one build on one
// machine writes. The parts must share a policy and not overlap.
func (ws *Workspace) MergeManifests(parts []*Manifest) (*Plan, *Manifest, error) {
	if len(parts) == 0 {
		return nil, nil, fmt.Errorf("no manifests to merge")
	}
	m := &Manifest{Policy: parts[0].Policy}
	seen := map[[2]string]int{}
	files := map[string]bool{}
	var all []EditionResult
	for i, p := range parts {
		if !samePolicy(p, parts[0]) {
			return nil, nil, fmt.Errorf("manifest %d was built with another policy than manifest 1 (%+v, not %+v): build every part with the same options", i+1, p.Policy, parts[0].Policy)
		}
		for _, e := range p.Editions {
			k := [2]string{e.Article, e.Lang}
			if j, ok := seen[k]; ok {
				return nil, nil, fmt.Errorf("manifests %d and %d both have the %s edition of %s: merge the manifests of different parts", j+1, i+1, e.Lang, e.Article)
			}
			seen[k] = i
			all = append(all, e)
		}
		for _, f := range p.Files {
			files[f] = true
		}
		for _, e := range p.Editions {
			for _, f := range e.Files {
				files[f] = true
			}
		}
	}
	slugs, err := ws.Slugs()
	if err != nil {
		return nil, nil, err
	}
	m.Editions = ws.mergeEditions(nil, all, func(EditionResult) bool { return true }, slugs, map[string]bool{})
	plan := &Plan{}
	if m.Policy.Layout == LayoutDefault || m.Policy.Layout == "" {
		bundle, err := ws.uiBundle()
		if err != nil {
			return nil, nil, err
		}
		opts := BuildOptions{Layout: LayoutDefault, Formats: m.Policy.Formats}
		if err := ws.writeIndexes(plan, m.Editions, opts, bundle); err != nil {
			return nil, nil, err
		}
	}
	kept := plan.Changes[:0]
	for _, c := range plan.Changes {
		if !c.Remove {
			files[c.Path] = true
			kept = append(kept, c)
		}
	}
	plan.Changes = kept
	if err := plan.writeManifest(m, files); err != nil {
		return nil, nil, err
	}
	return plan, m, nil
}

func samePolicy(a, b *Manifest) bool {
	return a.Policy.Require == b.Policy.Require && a.Policy.Fallback == b.Policy.Fallback &&
		a.Policy.MinCoverage == b.Policy.MinCoverage && a.Policy.Layout == b.Policy.Layout &&
		slices.Equal(a.Policy.Formats, b.Policy.Formats)
}
