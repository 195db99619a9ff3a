package workflow

import (
	"context"
	"fmt"
	"slices"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
)

// The sides a conflict is resolved for.
const (
	TakeOurs   = "ours"
	TakeTheirs = "theirs"
)

// ResolveOptions name an open conflict and the side to keep.
type ResolveOptions struct {
	Article string
	Lang    language.Tag
	ID      string
	// Take is TakeOurs (the translation the message file holds) or
	// TakeTheirs (the other one, which the sidecar keeps).
	Take string
	// By and On go into the history when theirs becomes current.
	By string
	On time.Time
}

// ResolveReport says how a conflict was closed.
type ResolveReport struct {
	Article string `json:"article"`
	Lang    string `json:"lang"`
	ID      string `json:"id"`
	Take    string `json:"take"`
	// Current is the translation now current; Other the one set aside (in
	// the history and the translation memory).
	Current string `json:"current"`
	Other   string `json:"other"`
}

// Resolve closes the open conflict of a segment: TakeTheirs makes the
// other translation current (the one it replaces goes into the history and
// the translation memory); TakeOurs keeps the current one and sets the
// other aside into the history and the memory. Either way the conflict is
// cleared and no translation is lost.
func (ws *Workspace) Resolve(ctx context.Context, opts ResolveOptions) (*Plan, *ResolveReport, error) {
	if opts.Take != TakeOurs && opts.Take != TakeTheirs {
		return nil, nil, fmt.Errorf("take %q: take ours (the current translation) or theirs (the other one)", opts.Take)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	st, err := ws.articleState(opts.Article)
	if err != nil {
		return nil, nil, err
	}
	if st.src.art.Lang == opts.Lang {
		return nil, nil, fmt.Errorf("%s is written in %s: there is no translation into it", ws.ArticlePath(opts.Article), opts.Lang)
	}
	metaPath := ws.MetaPath(opts.Article, opts.Lang)
	meta, err := ws.loadMeta(metaPath)
	if err != nil {
		return nil, nil, err
	}
	sm, ok := meta.Segments[opts.ID]
	if !ok || sm.Conflict == nil {
		return nil, nil, fmt.Errorf("%s: segment %s has no open conflict in %s: tilmash status --json shows the conflicts of each article", metaPath, opts.ID, opts.Lang)
	}
	source := ""
	if u, ok := st.unit(opts.ID); ok {
		source = u.Text
	}
	f, err := ws.loadArticleCatalog(opts.Article, opts.Lang)
	if err != nil {
		return nil, nil, err
	}
	msgs := map[string]catalog.Message{}
	if f != nil {
		for _, m := range f.Messages {
			msgs[m.ID] = m
		}
	}
	cur, has := msgs[opts.ID]
	other := *sm.Conflict
	rep := &ResolveReport{Article: opts.Article, Lang: opts.Lang.String(), ID: opts.ID, Take: opts.Take, Current: cur.Other, Other: other.Text}
	plan := &Plan{}
	mem, err := ws.plannedMemory(plan, opts.Lang, map[language.Tag]*catalog.Memory{})
	if err != nil {
		return nil, nil, err
	}
	remember := func(v catalog.Version) {
		mem.Add(catalog.MemoryEntry{Article: opts.Article, ID: opts.ID, Source: v.Source, Translation: v.Text})
	}
	sourceHash := catalog.Hash("", source)
	switch opts.Take {
	case TakeTheirs:
		if has && cur.Other != other.Text {
			made := madeFor(cur.Hash, source, sm)
			if !slices.ContainsFunc(sm.History, func(v catalog.Version) bool { return v.Text == cur.Other }) {
				sm.Record(catalog.Version{Text: cur.Other, Source: made})
			}
			remember(catalog.Version{Text: cur.Other, Source: made})
		}
		hash := sourceHash
		if other.Source != "" {
			hash = catalog.Hash("", other.Source)
		}
		msgs[opts.ID] = catalog.Message{ID: opts.ID, Hash: hash, Other: other.Text}
		if hash == sourceHash {
			sm.Previous = ""
		} else {
			sm.Previous = other.Source
		}
		made := other.Source
		if made == "" {
			made = source
		}
		for _, v := range sm.Record(catalog.Version{Text: other.Text, Source: made, By: opts.By, On: opts.On.UTC().Format(time.RFC3339), Via: "resolve"}) {
			remember(v)
		}
		rep.Current, rep.Other = other.Text, cur.Other
	default:
		if !slices.Contains(sm.History, other) {
			at := len(sm.History) // before the current translation, which stays last
			if n := len(sm.History); n > 0 && sm.History[n-1].Text == cur.Other {
				at = n - 1
			}
			sm.History = slices.Insert(sm.History, at, other)
		}
	}
	remember(other)
	sm.Conflict = nil
	if sm.Empty() {
		delete(meta.Segments, opts.ID)
	} else {
		meta.Segments[opts.ID] = sm
	}

	if opts.Take == TakeTheirs {
		p := ws.CatalogPath(opts.Article, opts.Lang)
		header := ""
		if data, err := ws.readFile(p); err == nil && data != nil {
			header = leadingComment(string(data))
		}
		list := make([]catalog.Message, 0, len(msgs))
		for _, m := range msgs {
			list = append(list, m)
		}
		data, err := catalog.MarshalNested(header, opts.Article, list)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		plan.write(p, data)
	}
	data, err := meta.Marshal()
	if err != nil {
		return nil, nil, err
	}
	if data != nil {
		plan.write(metaPath, data)
	} else {
		plan.remove(metaPath)
	}
	if data, err = mem.Marshal(); err != nil {
		return nil, nil, err
	}
	plan.put(ws.MemoryPath(opts.Lang), data)
	plan.sort()
	return plan, rep, nil
}
