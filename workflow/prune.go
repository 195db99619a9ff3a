package workflow

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/store"
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
		names, err := ws.catalogNames(tag)
		if err != nil {
			return nil, err
		}
		for _, slug := range names {
			if gone[slug] {
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
			f, err := ws.loadArticleCatalog(slug, tag)
			if err != nil {
				return err
			}
			for _, m := range f.Messages {
				source[m.ID] = m.Other
			}
		}
		for _, tag := range ws.Langs {
			p := ws.CatalogPath(slug, tag)
			f, err := ws.loadArticleCatalog(slug, tag)
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

// catalogNames lists the names of the message files of a language, in
// nested folders as the articles are: locales/ru/news/floods.ru.toml is
// news/floods. The UI strings and the sidecar folders are left out.
func (ws *Workspace) catalogNames(tag language.Tag) ([]string, error) {
	dir := path.Join(ws.Config.Locales, tag.String())
	suffix := "." + tag.String() + ".toml"
	var names []string
	err := fs.WalkDir(ws.FS, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir // no message files in this language yet
			}
			return store.PathError(ws.Root, p, err)
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		name, ok := strings.CutSuffix(strings.TrimPrefix(p, dir+"/"), suffix)
		if ok && name != UISlug {
			names = append(names, name)
		}
		return nil
	})
	return names, err
}
