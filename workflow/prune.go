package workflow

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
)

// Orphans lists the articles whose message files are still in locales but
// whose source article is gone (deleted, not renamed: reports of the sync
// that ran name the renames).
func (ws *Workspace) Orphans(reports []SyncReport) ([]string, error) {
	slugs, err := ws.Slugs()
	if err != nil {
		return nil, err
	}
	gone := map[string]bool{UISlug: true}
	for _, s := range slugs {
		gone[s] = true
	}
	for _, r := range reports {
		gone[r.RenamedFrom] = true
	}
	var out []string
	for _, tag := range ws.Langs {
		dir := path.Join(ws.Config.Locales, tag.String())
		entries, err := fs.ReadDir(ws.FS, dir)
		if err != nil {
			continue // no catalogs in this language
		}
		suffix := "." + tag.String() + ".toml"
		for _, e := range entries {
			slug, ok := strings.CutSuffix(e.Name(), suffix)
			if e.IsDir() || !ok || gone[slug] {
				continue
			}
			// only a source catalog (its sidecar keeps the order) makes an article
			meta, err := ws.loadMeta(ws.MetaPath(slug, tag))
			if err != nil {
				return nil, err
			}
			if len(meta.Order) > 0 {
				out = append(out, slug)
				gone[slug] = true
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// Prune adds to plan the removal of the message files and sidecars of
// orphaned articles, in every language; their translations go to each
// language's translation memory.
func (ws *Workspace) Prune(plan *Plan, orphans []string) error {
	memories := map[language.Tag]*catalog.Memory{}
	for _, slug := range orphans {
		source := map[string]string{}
		for _, tag := range ws.Langs {
			meta, err := ws.loadMeta(ws.MetaPath(slug, tag))
			if err != nil {
				return err
			}
			if len(meta.Order) == 0 {
				continue
			}
			f, err := ws.loadCatalog(ws.CatalogPath(slug, tag), tag)
			if err != nil {
				return err
			}
			for _, m := range f.Messages {
				source[m.ID] = m.Other
			}
		}
		for _, tag := range ws.Langs {
			p := ws.CatalogPath(slug, tag)
			f, err := ws.loadCatalog(p, tag)
			if err != nil {
				return err
			}
			meta, err := ws.loadMeta(ws.MetaPath(slug, tag))
			if err != nil {
				return err
			}
			if f != nil && len(meta.Order) == 0 {
				mem, err := ws.plannedMemory(plan, tag, memories)
				if err != nil {
					return err
				}
				for _, m := range f.Messages {
					sm := meta.Segments[m.ID]
					for _, v := range sm.History {
						mem.Add(catalog.MemoryEntry{Article: slug, ID: m.ID, Source: v.Source, Translation: v.Text})
					}
					mem.Add(catalog.MemoryEntry{Article: slug, ID: m.ID, Source: madeFor(m.Hash, source[m.ID], sm), Translation: m.Other})
				}
			}
			plan.remove(p)
			plan.remove(ws.MetaPath(slug, tag))
		}
	}
	for tag, m := range memories {
		data, err := m.Marshal()
		if err != nil {
			return err
		}
		plan.put(ws.MemoryPath(tag), data)
	}
	plan.sort()
	return nil
}

// plannedMemory returns a language's translation memory as the plan will
// write it, or as it is on disk.
func (ws *Workspace) plannedMemory(plan *Plan, tag language.Tag, memories map[language.Tag]*catalog.Memory) (*catalog.Memory, error) {
	if m, ok := memories[tag]; ok {
		return m, nil
	}
	p := ws.MemoryPath(tag)
	data, err := ws.readFile(p)
	if err != nil {
		return nil, err
	}
	if c := plan.find(p); c != nil {
		data = c.Data
	}
	m := &catalog.Memory{}
	if data != nil {
		if m, err = catalog.ParseMemory(p, data); err != nil {
			return nil, err
		}
	}
	memories[tag] = m
	return m, nil
}
