package workflow

import (
	"context"
	"fmt"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
)

// LogOptions say whose history to show.
type LogOptions struct {
	Filter
	// Segment narrows the log to one segment ID; empty means every segment
	// that has a translation or a history.
	Segment string
}

// SegmentLog is the history of one segment's translation in one language.
type SegmentLog struct {
	Article string `json:"article"`
	Lang    string `json:"lang"`
	ID      string `json:"id"`
	// Source is the segment's current source text; empty for a segment
	// removed from its article, whose versions the memory keeps.
	Source   string       `json:"source"`
	State    State        `json:"state"`
	Versions []LogVersion `json:"versions"`
}

// LogVersion is one version of a translation, oldest first.
type LogVersion struct {
	Text string `json:"text"`
	// Source is the source text it was made for, when known.
	Source string `json:"source,omitempty"`
	By     string `json:"by,omitempty"`
	On     string `json:"on,omitempty"`
	Via    string `json:"via,omitempty"`
	// Current marks the translation the message file holds now.
	Current bool `json:"current"`
}

// Log returns the history of the translations of the segments opts
// selects: every version the sidecars keep, the current one marked. A
// segment removed from its article is found in the translation memory.
func (ws *Workspace) Log(ctx context.Context, opts LogOptions) ([]SegmentLog, error) {
	slugs := opts.Articles
	if len(slugs) == 0 {
		var err error
		if slugs, err = ws.Slugs(); err != nil {
			return nil, err
		}
	}
	var out []SegmentLog
	found := false
	for _, slug := range slugs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st, err := ws.articleState(slug)
		if err != nil {
			return nil, err
		}
		for _, tag := range ws.Langs {
			if tag == st.src.art.Lang || !opts.hasLang(tag) {
				continue
			}
			logs, err := ws.segmentLogs(st, tag, opts.Segment)
			if err != nil {
				return nil, err
			}
			for _, l := range logs {
				found = found || l.ID == opts.Segment
			}
			out = append(out, logs...)
			if opts.Segment != "" && !st.has(opts.Segment) {
				removed, err := ws.memoryLog(slug, tag, opts.Segment)
				if err != nil {
					return nil, err
				}
				if removed != nil {
					found = true
					out = append(out, *removed)
				}
			}
		}
	}
	if opts.Segment != "" && !found {
		return nil, fmt.Errorf("no segment %q with a translation in %v: see tilmash status --segments for the IDs", opts.Segment, slugs)
	}
	return out, nil
}

// has reports whether the article has a segment with the ID.
func (st *articleState) has(id string) bool {
	_, ok := st.unit(id)
	return ok
}

func (ws *Workspace) segmentLogs(st *articleState, tag language.Tag, only string) ([]SegmentLog, error) {
	f, err := ws.loadArticleCatalog(st.slug, tag)
	if err != nil {
		return nil, err
	}
	meta, err := ws.loadMeta(ws.MetaPath(st.slug, tag))
	if err != nil {
		return nil, err
	}
	var out []SegmentLog
	for _, u := range st.units {
		if only != "" && u.ID != only {
			continue
		}
		var m catalog.Message
		ok := false
		if f != nil {
			m, ok = f.Lookup(u.ID)
		}
		sm := meta.Segments[u.ID]
		j := judge(u.Text, m, ok, sm)
		l := SegmentLog{Article: st.slug, Lang: tag.String(), ID: u.ID, Source: u.Text, State: j.State}
		for _, v := range sm.History {
			l.Versions = append(l.Versions, LogVersion{Text: v.Text, Source: v.Source, By: v.By, On: v.On, Via: v.Via})
		}
		if j.State != Missing {
			made := madeFor(m.Hash, u.Text, sm)
			if n := len(l.Versions); n > 0 && l.Versions[n-1].Text == m.Other && (l.Versions[n-1].Source == made || made == "") {
				l.Versions[n-1].Current = true
			} else {
				l.Versions = append(l.Versions, LogVersion{Text: m.Other, Source: made, Current: true})
			}
		}
		if len(l.Versions) > 0 || only != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// memoryLog returns what the translation memory keeps of a removed segment.
func (ws *Workspace) memoryLog(slug string, tag language.Tag, id string) (*SegmentLog, error) {
	data, err := ws.readFile(ws.MemoryPath(tag))
	if err != nil || data == nil {
		return nil, err
	}
	mem, err := catalog.ParseMemory(ws.MemoryPath(tag), data)
	if err != nil {
		return nil, err
	}
	l := &SegmentLog{Article: slug, Lang: tag.String(), ID: id, State: Missing}
	for _, e := range mem.Entries {
		if e.Article == slug && e.ID == id {
			l.Versions = append(l.Versions, LogVersion{Text: e.Translation, Source: e.Source, Via: "memory"})
		}
	}
	if len(l.Versions) == 0 {
		return nil, nil
	}
	return l, nil
}
