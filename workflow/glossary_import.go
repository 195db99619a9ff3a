package workflow

import (
	"fmt"

	"github.com/tilmash/tilmash/workflow/glossary"
)

// ImportTBX returns the plan that adds the concepts of a TBX file (what
// terminologists keep) to the workspace's glossary.toml, and how many it
// adds and leaves out: a concept whose ID the glossary has, or whose form
// in some language a term of the glossary has, is there already. The
// result is read back as a glossary before anything is planned.
func (ws *Workspace) ImportTBX(name string, data []byte) (plan *Plan, added, skipped int, err error) {
	terms, err := glossary.ParseTBX(name, data)
	if err != nil {
		return nil, 0, 0, err
	}
	old, err := ws.readFile(glossary.FileName)
	if err != nil {
		return nil, 0, 0, err
	}
	have := map[string]bool{}
	if old != nil {
		g, err := glossary.Parse(glossary.FileName, old)
		if err != nil {
			return nil, 0, 0, err
		}
		for _, t := range g.Terms {
			have["id "+t.ID] = t.ID != ""
			for tag, e := range t.Langs {
				if e.Form != "" {
					have[tag.String()+" "+e.Form] = true
				}
			}
		}
	}
	var fresh []*glossary.ImportedTerm
	for _, t := range terms {
		known := t.ID != "" && have["id "+t.ID]
		for tag, e := range t.Langs {
			known = known || e.Form != "" && have[tag.String()+" "+e.Form]
		}
		if known {
			skipped++
			continue
		}
		fresh = append(fresh, t)
	}
	if len(fresh) == 0 {
		return &Plan{}, 0, skipped, nil
	}
	out := append(append([]byte(nil), old...), glossary.AppendTOML(fresh)...)
	if _, err := glossary.Parse(glossary.FileName, out); err != nil {
		return nil, 0, 0, fmt.Errorf("%s: its concepts do not make a glossary (%v): nothing was written", name, err)
	}
	plan = &Plan{}
	plan.write(glossary.FileName, out)
	return plan, len(fresh), skipped, nil
}
