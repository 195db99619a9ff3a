package workflow

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
)

// ReviewOptions say which translations to approve, and by whom.
type ReviewOptions struct {
	// Article is the article to review; empty means all.
	Article string
	Lang    language.Tag
	// Segments limits the approval to these IDs; empty means all.
	Segments []string
	By       string
	On       time.Time
}

// ReviewReport counts what a review did in one article.
type ReviewReport struct {
	Article  string   `json:"article"`
	Lang     string   `json:"lang"`
	Approved int      `json:"approved"`
	Already  int      `json:"already"`
	Skipped  []string `json:"skipped,omitempty"` // missing or stale: nothing current to approve
}

// ReviewError lists segment IDs that cannot be reviewed.
type ReviewError struct {
	Msg string
}

func (e *ReviewError) Error() string { return e.Msg }

// Review records approvals of the current translations: each approval
// names exactly the source text and the translation it approves, so editing
// either makes it lapse. Missing and stale segments cannot be approved; they
// are reported as skipped. Unknown IDs are an error.
func (ws *Workspace) Review(ctx context.Context, opts ReviewOptions) (*Plan, []ReviewReport, error) {
	if base, ok := ws.DerivedFrom(opts.Lang); ok {
		return nil, nil, &ReviewError{Msg: derivedError(opts.Lang, base).Error()}
	}
	if strings.TrimSpace(opts.By) == "" {
		return nil, nil, &ReviewError{Msg: "no reviewer name: pass --by NAME or set git's user.name"}
	}
	slugs := []string{opts.Article}
	if opts.Article == "" {
		var err error
		if slugs, err = ws.Slugs(); err != nil {
			return nil, nil, err
		}
	}
	want := map[string]bool{}
	for _, id := range opts.Segments {
		want[id] = true
	}
	found := map[string]bool{}
	plan := &Plan{}
	var reports []ReviewReport
	for _, slug := range slugs {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		st, err := ws.articleState(slug)
		if err != nil {
			return nil, nil, err
		}
		if st.outOfDate {
			return nil, nil, fmt.Errorf("%s changed since the last sync: run tilmash sync, then review", ws.ArticlePath(slug))
		}
		if st.src.art.Lang == opts.Lang {
			if opts.Article != "" {
				return nil, nil, &ReviewError{Msg: fmt.Sprintf("%s is written in %s: there is no translation into it to review", ws.ArticlePath(slug), opts.Lang)}
			}
			continue
		}
		ws.noteSynced(slug)
		states, err := ws.segmentStates(st, opts.Lang)
		if err != nil {
			return nil, nil, err
		}
		metaPath := ws.MetaPath(slug, opts.Lang)
		meta, err := ws.loadMeta(metaPath)
		if err != nil {
			return nil, nil, err
		}
		if meta.Segments == nil {
			meta.Segments = map[string]catalog.SegmentMeta{}
		}
		rep := ReviewReport{Article: slug, Lang: opts.Lang.String()}
		for _, s := range states {
			if len(want) > 0 && !want[s.ID] {
				continue
			}
			found[s.ID] = true
			switch s.State {
			case Reviewed:
				rep.Already++
				continue
			case Missing, Stale:
				rep.Skipped = append(rep.Skipped, s.ID)
				continue
			}
			sm := meta.Segments[s.ID]
			sm.Review = &catalog.Review{
				By: opts.By, On: opts.On.Format("2006-01-02"),
				Source: catalog.Hash("", s.Source), Translation: catalog.TextHash(s.Translation),
			}
			meta.Segments[s.ID] = sm
			rep.Approved++
		}
		if rep.Approved > 0 {
			data, err := meta.Marshal()
			if err != nil {
				return nil, nil, err
			}
			plan.write(metaPath, data)
		}
		reports = append(reports, rep)
	}
	var unknown []string
	for id := range want {
		if !found[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, nil, &ReviewError{Msg: fmt.Sprintf("no segment %s in %s: see tilmash status --segments for the IDs", strings.Join(unknown, ", "), strings.Join(slugs, ", "))}
	}
	plan.sort()
	return plan, reports, nil
}
