package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/check"
	"github.com/tilmash/tilmash/workflow/store"
)

// Segment is one segment of an article in a language, as the API gives it.
type Segment struct {
	ID    string         `json:"id"`
	State workflow.State `json:"state"`
	// Source is the current source text; Codes its placeholders.
	Source      string `json:"source"`
	Translation string `json:"translation"`
	// Base is what a save of this segment must send back as "base".
	Base string `json:"base"`
	// Previous is the source a stale translation was made from; Diff the
	// word diff Previous → Source ([-removed-]{+added+}).
	Previous string `json:"previous,omitempty"`
	Diff     string `json:"diff,omitempty"`
	// Conflict is the other translation of an open conflict.
	Conflict string `json:"conflict,omitempty"`
	// Before and After are the neighbouring source texts.
	Before      string                `json:"before,omitempty"`
	After       string                `json:"after,omitempty"`
	Words       int                   `json:"words"`
	Line        int                   `json:"line,omitempty"`
	Codes       []Code                `json:"codes,omitempty"`
	Suggestions []workflow.Suggestion `json:"suggestions"`
	// Findings are what tilmash check says of the translation.
	Findings []Finding `json:"findings"`
}

// Code is a placeholder of a source text: <N>…</N> when Paired, else
// <N/>, with the markup it stands for.
type Code struct {
	ID     int    `json:"id"`
	Paired bool   `json:"paired"`
	Open   string `json:"open"`
	Close  string `json:"close,omitempty"`
}

// Finding is one problem tilmash check finds in a translation.
type Finding struct {
	Check    string         `json:"check"`
	Severity check.Severity `json:"severity"`
	Message  string         `json:"message"`
}

// Segments is the answer of GET …/segments.
type Segments struct {
	Article    string `json:"article"`
	Title      string `json:"title"`
	Lang       string `json:"lang"`
	SourceLang string `json:"source_lang"`
	// Coverage is the article's row of tilmash status in the language.
	Coverage workflow.Row `json:"coverage"`
	Segments []Segment    `json:"segments"`
}

// SaveRequest is the body of PUT …/segments/{id}.
type SaveRequest struct {
	Text string `json:"text"`
	// Base is the "base" the segment list gave: the translation the text
	// was made from.
	Base string `json:"base"`
}

// Saved is the answer of a save that went through.
type Saved struct {
	Segment  Segment              `json:"segment"`
	Coverage workflow.Row         `json:"coverage"`
	Report   *workflow.PushReport `json:"report"`
}

// ConflictBody is the answer of a save that met another translation (409).
type ConflictBody struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	// Current is the translation the workspace holds now, CurrentBase its
	// base (send it to replace Current after all); Yours is the text of
	// the save, not written.
	Current     string `json:"current"`
	CurrentBase string `json:"current_base"`
	Yours       string `json:"yours"`
	State       string `json:"state"`
}

// ReviewRequest is the body of POST …/review.
type ReviewRequest struct {
	Segments []string `json:"segments"`
}

// Reviewed is the answer of an approval.
type Reviewed struct {
	Approved int      `json:"approved"`
	Already  int      `json:"already"`
	Skipped  []string `json:"skipped"`
	// Segments are the approved segments' states now.
	Segments []Segment    `json:"segments"`
	Coverage workflow.Row `json:"coverage"`
}

// CheckRequest is the body of POST …/check.
type CheckRequest struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// maxBody bounds a request body: a segment's text, escaped, and a little.
const maxBody = 1 << 20

// decode reads a JSON request body into v.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &httpError{http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the request body is larger than %d bytes", maxBody)}
		}
		return badRequest("the body is not the JSON expected: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("the body holds more than one JSON value")
	}
	return nil
}

// target is an article and a language named in a path.
type target struct {
	article string
	lang    language.Tag
	row     workflow.Row
}

// target resolves {article} and {lang} of a request: 404 for an unknown
// article or language, or the article's own language.
func (s *Server) target(r *http.Request, ws *workflow.Workspace) (*target, error) {
	name, l := r.PathValue("article"), r.PathValue("lang")
	slugs, err := ws.Slugs()
	if err != nil {
		return nil, err
	}
	if _, ok := slices.BinarySearch(slugs, name); !ok {
		return nil, notFound("no article %q in the workspace", name)
	}
	tag, err := language.Parse(l)
	if err != nil || !ws.HasLang(tag) {
		return nil, notFound("no language %q in the workspace (%s)", l, strings.Join(s.langs, ", "))
	}
	rows, err := ws.Status(r.Context(), workflow.Filter{Articles: []string{name}, Langs: []language.Tag{tag}})
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, notFound("%s is written in %s: there is nothing to translate into it", name, tag)
	}
	return &target{article: name, lang: tag, row: rows[0]}, nil
}

// read opens the workspace for reading and resolves the target.
func (s *Server) read(r *http.Request) (*workflow.Workspace, *target, func(), error) {
	ws, done, err := s.open(r.Context(), store.Shared)
	if err != nil {
		return nil, nil, nil, err
	}
	t, err := s.target(r, ws)
	if err != nil {
		done()
		return nil, nil, nil, err
	}
	return ws, t, done, nil
}

func (s *Server) apiStatus(w http.ResponseWriter, r *http.Request, _ *User) {
	ws, done, err := s.open(r.Context(), store.Shared)
	if err != nil {
		fail(w, r, err)
		return
	}
	defer done()
	rows, err := ws.Status(r.Context(), workflow.Filter{})
	if err != nil {
		fail(w, r, err)
		return
	}
	if rows == nil {
		rows = []workflow.Row{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"rows": rows, "languages": s.langs})
}

// segments lists the segments of a target in every state.
func segments(r *http.Request, ws *workflow.Workspace, t *target) (*Segments, error) {
	items, err := ws.Pull(r.Context(), workflow.PullOptions{
		Filter:  workflow.Filter{Articles: []string{t.article}},
		Lang:    t.lang,
		Include: []workflow.State{workflow.Missing, workflow.Stale, workflow.Translated, workflow.Reviewed},
	})
	if err != nil {
		return nil, err
	}
	out := &Segments{Article: t.article, Title: t.row.Title, Lang: t.lang.String(), SourceLang: t.row.Source, Coverage: t.row, Segments: []Segment{}}
	for _, it := range items {
		out.Segments = append(out.Segments, segmentOf(it, t.lang))
	}
	return out, nil
}

// segmentOf turns a pulled item into the API's segment.
func segmentOf(it workflow.PullItem, lang language.Tag) Segment {
	sg := Segment{
		ID: it.ID, State: it.State, Source: it.Source, Translation: it.Translation,
		Base: workflow.BaseOf(it.Translation), Previous: it.Previous, Diff: it.Diff(), Conflict: it.Conflict,
		Before: it.Before, After: it.After, Words: it.Words, Line: it.Line,
		Suggestions: it.Suggestions, Findings: []Finding{},
	}
	if sg.Suggestions == nil {
		sg.Suggestions = []workflow.Suggestion{}
	}
	for _, c := range it.Codes {
		sg.Codes = append(sg.Codes, Code{ID: c.ID, Paired: c.Paired, Open: c.Open, Close: c.Close})
	}
	if it.Translation != "" {
		sg.Findings = findings(check.Pair{Source: it.Source, Translation: it.Translation, SourceLang: it.SourceLang, Lang: lang, Codes: it.Codes})
	}
	return sg
}

func findings(p check.Pair) []Finding {
	out := []Finding{}
	for _, pr := range check.Translation(p) {
		out = append(out, Finding{Check: pr.Check, Severity: pr.Severity, Message: pr.Message})
	}
	return out
}

// segmentsByID returns the listed segments of a target as they are now.
func segmentsByID(r *http.Request, ws *workflow.Workspace, t *target, ids ...string) ([]Segment, error) {
	all, err := segments(r, ws, t)
	if err != nil {
		return nil, err
	}
	out := []Segment{}
	for _, sg := range all.Segments {
		if slices.Contains(ids, sg.ID) {
			out = append(out, sg)
		}
	}
	return out, nil
}

func (s *Server) apiSegments(w http.ResponseWriter, r *http.Request, _ *User) {
	ws, t, done, err := s.read(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	defer done()
	out, err := segments(r, ws, t)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// write opens the workspace for a write by u into the target's language:
// 403 when u may not (review: approve), 404 for an unknown target.
func (s *Server) write(r *http.Request, u *User, review bool) (*workflow.Workspace, *target, func(), error) {
	lang := r.PathValue("lang")
	if tag, err := language.Parse(lang); err == nil {
		lang = tag.String()
	}
	switch {
	case review && u.Role != Editor:
		return nil, nil, nil, forbidden("%s is a translator: only editors approve translations", u.Name)
	case !u.MayWrite(lang):
		return nil, nil, nil, forbidden("%s may write only %s, not %s", u.Name, strings.Join(u.Languages, ", "), lang)
	}
	s.writes.Lock()
	ws, done, err := s.open(r.Context(), store.Exclusive)
	if err != nil {
		s.writes.Unlock()
		return nil, nil, nil, err
	}
	release := func() { done(); s.writes.Unlock() }
	t, err := s.target(r, ws)
	if err != nil {
		release()
		return nil, nil, nil, err
	}
	return ws, t, release, nil
}

func (s *Server) apiSave(w http.ResponseWriter, r *http.Request, u *User) {
	var req SaveRequest
	if err := decode(w, r, &req); err != nil {
		fail(w, r, err)
		return
	}
	ws, t, done, err := s.write(r, u, false)
	if err != nil {
		fail(w, r, err)
		return
	}
	defer done()
	id := r.PathValue("id")
	plan, rep, err := ws.Save(r.Context(), workflow.SaveOptions{
		PushOptions: workflow.PushOptions{By: u.Name, On: s.opts.Now(), MaxSegment: ws.Limits().SegmentBytes},
		Article:     t.article, Lang: t.lang, ID: id, Text: req.Text, Base: req.Base,
	})
	var pe *workflow.PushError
	if errors.As(err, &pe) && len(pe.Rejections) == 1 && strings.HasPrefix(pe.Rejections[0].Msg, "unknown segment ID") {
		fail(w, r, notFound("no segment %q in %s: reload the segments", id, t.article))
		return
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	if len(rep.Conflicts) > 0 {
		c := rep.Conflicts[0]
		state := ""
		for _, d := range t.row.Detail {
			if d.ID == id {
				state = string(d.State)
			}
		}
		writeJSON(w, http.StatusConflict, ConflictBody{
			Error: "conflict", Message: c.Msg, Current: c.Current, CurrentBase: workflow.BaseOf(c.Current), Yours: c.Pushed, State: state,
		})
		return
	}
	if err := ws.Apply(r.Context(), s.opts.Writer, plan); err != nil {
		fail(w, r, err)
		return
	}
	s.watch.touch()
	s.answerSaved(w, r, ws, t, rep, id)
}

// answerSaved answers a save with the segment and the coverage as they
// are now.
func (s *Server) answerSaved(w http.ResponseWriter, r *http.Request, ws *workflow.Workspace, t *target, rep *workflow.PushReport, id string) {
	t2, err := s.target(r, ws)
	if err != nil {
		fail(w, r, err)
		return
	}
	sgs, err := segmentsByID(r, ws, t2, id)
	if err != nil {
		fail(w, r, err)
		return
	}
	out := Saved{Coverage: t2.row, Report: rep}
	if len(sgs) > 0 {
		out.Segment = sgs[0]
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request, u *User) {
	var req ReviewRequest
	if err := decode(w, r, &req); err != nil {
		fail(w, r, err)
		return
	}
	if len(req.Segments) == 0 {
		fail(w, r, badRequest(`name the segments to approve: {"segments": ["id", …]}`))
		return
	}
	ws, t, done, err := s.write(r, u, true)
	if err != nil {
		fail(w, r, err)
		return
	}
	defer done()
	plan, reports, err := ws.Review(r.Context(), workflow.ReviewOptions{Article: t.article, Lang: t.lang, Segments: req.Segments, By: u.Name, On: s.opts.Now()})
	if err != nil {
		fail(w, r, err)
		return
	}
	if err := ws.Apply(r.Context(), s.opts.Writer, plan); err != nil {
		fail(w, r, err)
		return
	}
	s.watch.touch()
	out := Reviewed{Skipped: []string{}}
	for _, rep := range reports {
		out.Approved += rep.Approved
		out.Already += rep.Already
		out.Skipped = append(out.Skipped, rep.Skipped...)
	}
	t2, err := s.target(r, ws)
	if err != nil {
		fail(w, r, err)
		return
	}
	out.Coverage = t2.row
	if out.Segments, err = segmentsByID(r, ws, t2, req.Segments...); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// apiCheck runs the checks of tilmash check, and the validation of a
// push, on a text that is not saved: the editor calls it as one types.
func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request, _ *User) {
	var req CheckRequest
	if err := decode(w, r, &req); err != nil {
		fail(w, r, err)
		return
	}
	ws, t, done, err := s.read(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	defer done()
	var seg *workflow.SegmentStatus
	for i, d := range t.row.Detail {
		if d.ID == req.ID {
			seg = &t.row.Detail[i]
		}
	}
	if seg == nil {
		fail(w, r, notFound("no segment %q in %s", req.ID, t.article))
		return
	}
	out := []Finding{}
	// What a save would refuse, in the words of push.
	_, _, err = ws.Save(r.Context(), workflow.SaveOptions{
		PushOptions: workflow.PushOptions{By: "check", On: s.opts.Now(), MaxSegment: ws.Limits().SegmentBytes},
		Article:     t.article, Lang: t.lang, ID: req.ID, Text: req.Text, Base: workflow.BaseOf(seg.Translation),
	})
	var pe *workflow.PushError
	switch {
	case errors.As(err, &pe):
		for _, rj := range pe.Rejections {
			out = append(out, Finding{Check: "push", Severity: check.Error, Message: rj.Msg})
		}
	case err != nil:
		fail(w, r, err)
		return
	}
	src, _ := language.Parse(t.row.Source)
	for _, f := range findings(check.Pair{Source: seg.Source, Translation: req.Text, SourceLang: src, Lang: t.lang}) {
		if len(out) > 0 && (f.Check == check.Empty || f.Check == check.Placeholders) {
			continue // said already, as push says it
		}
		out = append(out, f)
	}
	writeJSON(w, http.StatusOK, map[string]any{"findings": out})
}

func (s *Server) apiLog(w http.ResponseWriter, r *http.Request, _ *User) {
	ws, t, done, err := s.read(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	defer done()
	id := r.PathValue("id")
	logs, err := ws.Log(r.Context(), workflow.LogOptions{Filter: workflow.Filter{Articles: []string{t.article}, Langs: []language.Tag{t.lang}}, Segment: id})
	if err != nil && strings.HasPrefix(err.Error(), "no segment") {
		fail(w, r, notFound("no segment %q with a translation or a history in %s", id, t.article))
		return
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	if len(logs) == 0 {
		fail(w, r, notFound("no segment %q in %s", id, t.article))
		return
	}
	if logs[0].Versions == nil {
		logs[0].Versions = []workflow.LogVersion{}
	}
	writeJSON(w, http.StatusOK, logs[0])
}
