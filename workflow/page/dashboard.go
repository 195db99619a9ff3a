package page

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
)

// Dashboard is the editor's coverage view: a matrix of articles × target
// languages, totals per language, and the stale segments of each article
// with a word diff of their source change. WriteDashboard renders it as one
// self-contained HTML file that reads without a server and without
// JavaScript (with it, column headers sort the matrix).
type Dashboard struct {
	Lang      string          // BCP 47 tag of the labels; "en" when empty
	Title     string          // page heading; required
	Languages []string        // target languages (BCP 47), in column order
	Rows      []DashboardRow  // one per article, in the order to show them
	Totals    []Cell          // optional, one per language: the sums over all articles
	Labels    DashboardLabels // the page's own words; empty fields take English defaults
}

// DashboardRow is one article of a Dashboard.
type DashboardRow struct {
	Article    string         // the article's slug, e.g. "kazakhstan-turkey"; required
	Title      string         // the article's title in its source language
	SourceLang string         // the article's source language; its column, if any, says "source"
	Cells      []Cell         // at most one per language, any order; a language without a cell is shown as not tracked
	Stale      []StaleSegment // the article's stale segments, in the order to show them
}

// Cell is the coverage of one article (or of all articles, in Totals) in one
// language. Missing, Stale, Translated and Reviewed are disjoint and add up
// to Segments.
type Cell struct {
	Lang         string  // BCP 47 tag; one of Dashboard.Languages
	Segments     int     // segments in the source
	Missing      int     // segments with no translation
	Stale        int     // segments translated from an older source text
	Translated   int     // segments translated from the current source, not reviewed
	Reviewed     int     // segments whose translation an editor approved
	WordsPending int     // source words of the missing and stale segments
	Percent      float64 // share translated or reviewed, 0 to 100, as computed by the caller
}

// StaleSegment is a segment whose source changed after it was translated.
type StaleSegment struct {
	Lang        string   // language of the translation; one of Dashboard.Languages
	ID          string   // segment ID
	Diff        []DiffOp // word diff from the old source to the new one
	Translation string   // the translation made from the old source
}

// DiffOp is one run of a word diff. Op is "equal", "insert" or "delete";
// Text is the words of the run with their spacing, as the diff produced them.
type DiffOp struct {
	Op   string
	Text string
}

// DashboardLabels are the words of the dashboard's own interface. Each empty
// field takes its English default, shown in brackets.
type DashboardLabels struct {
	Article        string // column heading of the articles ["Article"]
	WordsPending   string // column heading and count label ["Words pending"]
	Total          string // heading of the totals row ["All articles"]
	Missing        string // count label ["Missing"]
	Stale          string // count label ["Stale"]
	Translated     string // count label ["Translated"]
	Reviewed       string // count label ["Reviewed"]
	Legend         string // heading of the legend ["Legend"]
	SortHint       string // shown only when sorting works ["Select a column heading to sort by it; select it again to reverse."]
	StateReviewed  string // every segment reviewed ["Fully reviewed"]
	StateFinished  string // every segment translated, not all reviewed ["Finished"]
	StateProgress  string // at least half translated ["In progress"]
	StateMissing   string // more than half missing ["Mostly missing"]
	StateEmpty     string // the article has no segments ["No segments"]
	StateSource    string // the column is the article's source language ["Source"]
	StateNone      string // the language is not tracked for the article ["Not tracked"]
	StaleHeading   string // heading of the stale segments section ["Stale segments"]
	NoStale        string // shown when no article has stale segments ["No stale segments."]
	SourceChange   string // label of a segment's word diff ["Source change"]
	OldTranslation string // label of the translation made from the old source ["Translation (from the old source)"]
	Segment        string // label before a segment ID ["Segment"]
}

// withDefaults returns l with every empty field set to its English default.
func (l DashboardLabels) withDefaults() DashboardLabels {
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&l.Article, "Article")
	def(&l.WordsPending, "Words pending")
	def(&l.Total, "All articles")
	def(&l.Missing, "Missing")
	def(&l.Stale, "Stale")
	def(&l.Translated, "Translated")
	def(&l.Reviewed, "Reviewed")
	def(&l.Legend, "Legend")
	def(&l.SortHint, "Select a column heading to sort by it; select it again to reverse.")
	def(&l.StateReviewed, "Fully reviewed")
	def(&l.StateFinished, "Finished")
	def(&l.StateProgress, "In progress")
	def(&l.StateMissing, "Mostly missing")
	def(&l.StateEmpty, "No segments")
	def(&l.StateSource, "Source")
	def(&l.StateNone, "Not tracked")
	def(&l.StaleHeading, "Stale segments")
	def(&l.NoStale, "No stale segments.")
	def(&l.SourceChange, "Source change")
	def(&l.OldTranslation, "Translation (from the old source)")
	def(&l.Segment, "Segment")
	return l
}

// state is the colour class of a cell.
type state string

const (
	stateReviewed state = "reviewed" // every segment reviewed
	stateFinished state = "finished" // nothing missing or stale
	stateProgress state = "progress" // at most half missing
	stateMissing  state = "missing"  // more than half missing
	stateEmpty    state = "empty"    // no segments
	stateSource   state = "source"   // the article's own language
	stateNone     state = "none"     // no cell for this language
)

// legendItem is one line of the legend.
type legendItem struct {
	State  state
	Symbol string
	Label  string
}

// symbol is the mark that repeats a state's colour in a shape, so the
// matrix does not rely on colour alone.
func (s state) symbol() string {
	switch s {
	case stateReviewed:
		return "★"
	case stateFinished:
		return "✓"
	case stateProgress:
		return "◐"
	case stateMissing:
		return "○"
	case stateEmpty:
		return "·"
	case stateSource:
		return "◆"
	}
	return "–"
}

// dashboardView is what the dashboard template sees.
type dashboardView struct {
	Lang      string
	Title     string
	CSS       template.CSS
	JS        template.JS
	CSP       string
	L         DashboardLabels
	Languages []string
	Legend    []legendItem
	Rows      []rowView
	Totals    *rowView
	AnyStale  bool
}

// rowView is one row of the matrix and its stale segments.
type rowView struct {
	Index      int // position in the caller's order, for stable sorting
	Article    string
	Title      string
	SourceLang string
	Cells      []cellView // one per language, in column order
	Words      int        // words pending over all languages
	Stale      []StaleSegment
	StaleID    string // fragment id of the row's stale section, if any
}

// cellView is one cell of the matrix.
type cellView struct {
	Cell
	Known      bool // whether the caller passed counts for this cell
	State      state
	Symbol     string
	StateLabel string
	Pct        string  // displayed percentage, never rounded up to 100%
	SortKey    string  // value for the sorting script
	Bars       []bar   // stacked bar of reviewed, translated, stale, missing
	Counts     []count // the non-zero counts, as text
}

// count is one labelled number in a cell.
type count struct {
	Class string
	Label string
	N     int
	Link  string // fragment id to link the number to, if any
}

// bar is one part of a cell's stacked bar.
type bar struct {
	Class string
	Width float64
}

// WriteDashboard writes d to w as a self-contained HTML page. It returns an
// error, and writes nothing, when d is invalid: no title, a malformed or
// repeated language, a cell or stale segment in a language that is not a
// column, two cells for one language in a row, negative counts or counts
// that do not add up to Segments, a percent outside 0–100, or an unknown
// diff op.
func WriteDashboard(w io.Writer, d Dashboard) error {
	v, err := dashboardModel(d)
	if err != nil {
		return err
	}
	return render(w, "dashboard.html", v)
}

// dashboardModel validates d and builds the template's view of it.
func dashboardModel(d Dashboard) (dashboardView, error) {
	const what = "page: dashboard"
	v := dashboardView{Lang: d.Lang, Title: d.Title, L: d.Labels.withDefaults(), Languages: d.Languages}
	if v.Lang == "" {
		v.Lang = "en"
	}
	if err := checkLang(what, v.Lang); err != nil {
		return v, err
	}
	if err := checkText(what+": title", d.Title); err != nil {
		return v, err
	}
	column := make(map[string]int, len(d.Languages))
	for i, l := range d.Languages {
		if err := checkLang(fmt.Sprintf("%s: language %d", what, i+1), l); err != nil {
			return v, err
		}
		if _, dup := column[l]; dup {
			return v, fmt.Errorf("%s: language %q is listed twice", what, l)
		}
		column[l] = i
	}
	v.Legend = []legendItem{
		{stateReviewed, stateReviewed.symbol(), v.L.StateReviewed},
		{stateFinished, stateFinished.symbol(), v.L.StateFinished},
		{stateProgress, stateProgress.symbol(), v.L.StateProgress},
		{stateMissing, stateMissing.symbol(), v.L.StateMissing},
		{stateSource, stateSource.symbol(), v.L.StateSource},
		{stateNone, stateNone.symbol(), v.L.StateNone},
	}
	for i, r := range d.Rows {
		at := fmt.Sprintf("%s: row %d (%s)", what, i+1, r.Article)
		if err := checkText(fmt.Sprintf("%s: row %d: article", what, i+1), r.Article); err != nil {
			return v, err
		}
		if r.SourceLang != "" {
			if err := checkLang(at+": source language", r.SourceLang); err != nil {
				return v, err
			}
		}
		rv := rowView{Index: i, Article: r.Article, Title: r.Title, SourceLang: r.SourceLang}
		if rv.Title == "" {
			rv.Title = r.Article
		}
		cells, words, err := matrixCells(at, r.Cells, d.Languages, column, r.SourceLang, v.L)
		if err != nil {
			return v, err
		}
		rv.Cells, rv.Words = cells, words
		if len(r.Stale) > 0 {
			rv.StaleID = "stale-" + strconv.Itoa(i+1)
			v.AnyStale = true
		}
		for j, s := range r.Stale {
			sat := fmt.Sprintf("%s: stale segment %d", at, j+1)
			c, ok := column[s.Lang]
			if !ok {
				return v, fmt.Errorf("%s: language %q is not a column", sat, s.Lang)
			}
			if err := checkText(sat+": id", s.ID); err != nil {
				return v, err
			}
			for k, op := range s.Diff {
				switch op.Op {
				case "equal", "insert", "delete":
				default:
					return v, fmt.Errorf("%s: diff op %d: unknown op %q (want equal, insert or delete)", sat, k+1, op.Op)
				}
			}
			for k := range rv.Cells[c].Counts {
				if rv.Cells[c].Counts[k].Class == "stale" {
					rv.Cells[c].Counts[k].Link = rv.StaleID
				}
			}
			rv.Stale = append(rv.Stale, s)
		}
		v.Rows = append(v.Rows, rv)
	}
	if len(d.Totals) > 0 {
		cells, words, err := matrixCells(what+": totals", d.Totals, d.Languages, column, "", v.L)
		if err != nil {
			return v, err
		}
		v.Totals = &rowView{Title: v.L.Total, Cells: cells, Words: words}
	}
	t, err := pages()
	if err != nil {
		return v, fmt.Errorf("%s: loading templates: %w", what, err)
	}
	v.CSS, v.JS, v.CSP = t.dashboardCSS, t.dashboardJS, t.dashboardCSP
	return v, nil
}

// matrixCells places cells in column order, validates them and sums their
// words pending. A language without a cell is the source (when it is
// sourceLang) or not tracked.
func matrixCells(at string, cells []Cell, langs []string, column map[string]int, sourceLang string, l DashboardLabels) ([]cellView, int, error) {
	out := make([]cellView, len(langs))
	for i, lang := range langs {
		st := stateNone
		if lang == sourceLang {
			st = stateSource
		}
		out[i] = cellView{Cell: Cell{Lang: lang}, State: st, SortKey: "-1"}
	}
	words := 0
	for _, c := range cells {
		i, ok := column[c.Lang]
		if !ok {
			return nil, 0, fmt.Errorf("%s: cell for %q, which is not a column", at, c.Lang)
		}
		cat := fmt.Sprintf("%s: %s", at, c.Lang)
		if out[i].Known {
			return nil, 0, fmt.Errorf("%s: two cells for one language", cat)
		}
		if c.Segments < 0 || c.Missing < 0 || c.Stale < 0 || c.Translated < 0 || c.Reviewed < 0 || c.WordsPending < 0 {
			return nil, 0, fmt.Errorf("%s: negative count", cat)
		}
		if sum := c.Missing + c.Stale + c.Translated + c.Reviewed; sum != c.Segments {
			return nil, 0, fmt.Errorf("%s: missing+stale+translated+reviewed = %d, want segments = %d", cat, sum, c.Segments)
		}
		if err := checkPercent(cat, c.Percent); err != nil {
			return nil, 0, err
		}
		out[i] = cellView{
			Cell:    c,
			Known:   true,
			State:   cellState(c),
			Pct:     formatPercent(c.Percent),
			SortKey: strconv.FormatFloat(c.Percent, 'f', -1, 64),
			Bars:    bars(c),
			Counts:  counts(c, l),
		}
		words += c.WordsPending
	}
	for i := range out {
		out[i].Symbol = out[i].State.symbol()
		out[i].StateLabel = stateLabel(out[i].State, l)
	}
	return out, words, nil
}

// cellState classifies a cell's counts.
func cellState(c Cell) state {
	switch {
	case c.Segments == 0:
		return stateEmpty
	case c.Reviewed == c.Segments:
		return stateReviewed
	case c.Missing == 0 && c.Stale == 0:
		return stateFinished
	case 2*c.Missing > c.Segments:
		return stateMissing
	}
	return stateProgress
}

// stateLabel is the text of a state in the page's labels.
func stateLabel(s state, l DashboardLabels) string {
	switch s {
	case stateReviewed:
		return l.StateReviewed
	case stateFinished:
		return l.StateFinished
	case stateProgress:
		return l.StateProgress
	case stateMissing:
		return l.StateMissing
	case stateEmpty:
		return l.StateEmpty
	case stateSource:
		return l.StateSource
	}
	return l.StateNone
}

// formatPercent shows p as a whole percentage rounded down, so that a cell
// shows 100% only when it is complete and 0% only when nothing is done.
func formatPercent(p float64) string {
	switch f := math.Floor(p); {
	case p >= 100:
		return "100%"
	case f == 0 && p > 0:
		return "<1%"
	default:
		return strconv.Itoa(int(f)) + "%"
	}
}

// bars returns the parts of a cell's stacked bar, leaving out empty ones.
func bars(c Cell) []bar {
	if c.Segments == 0 {
		return nil
	}
	var out []bar
	for _, p := range []struct {
		class string
		n     int
	}{{"reviewed", c.Reviewed}, {"translated", c.Translated}, {"stale", c.Stale}, {"missing", c.Missing}} {
		if p.n > 0 {
			w := float64(p.n) * 100 / float64(c.Segments)
			out = append(out, bar{p.class, math.Round(w*100) / 100})
		}
	}
	return out
}

// counts returns the non-zero counts of a cell with their labels, in the
// order of the stacked bar, and the words pending last.
func counts(c Cell, l DashboardLabels) []count {
	var out []count
	for _, k := range []count{
		{"reviewed", l.Reviewed, c.Reviewed, ""},
		{"translated", l.Translated, c.Translated, ""},
		{"stale", l.Stale, c.Stale, ""},
		{"missing", l.Missing, c.Missing, ""},
		{"words", l.WordsPending, c.WordsPending, ""},
	} {
		if k.N > 0 {
			out = append(out, k)
		}
	}
	return out
}
