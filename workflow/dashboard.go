package workflow

import (
	"bytes"
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tilmash/tilmash/workflow/page"
	"github.com/tilmash/tilmash/workflow/segment"
)

// Dashboard returns the editor's coverage dashboard of the articles and
// target languages f selects, as one self-contained HTML page: a matrix of
// articles × languages with the counts of tilmash status, totals per
// language, and each article's stale segments with a word diff from the
// source their translation was made from to the current one.
func (ws *Workspace) Dashboard(ctx context.Context, f Filter) ([]byte, error) {
	d, err := ws.dashboard(ctx, f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := page.WriteDashboard(&buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dashboard gathers the data of Dashboard.
func (ws *Workspace) dashboard(ctx context.Context, f Filter) (page.Dashboard, error) {
	rows, err := ws.Status(ctx, f)
	if err != nil {
		return page.Dashboard{}, err
	}
	d := page.Dashboard{Lang: "en", Title: "Translation coverage"}
	for _, tag := range ws.Langs {
		if f.hasLang(tag) {
			d.Languages = append(d.Languages, tag.String())
		}
	}
	totals := make([]page.Cell, len(d.Languages))
	used := make([]bool, len(d.Languages))
	for i, l := range d.Languages {
		totals[i].Lang = l
	}
	for _, r := range rows {
		if n := len(d.Rows); n == 0 || d.Rows[n-1].Article != r.Article {
			d.Rows = append(d.Rows, page.DashboardRow{Article: r.Article, Title: r.Title, SourceLang: r.Source})
		}
		row := &d.Rows[len(d.Rows)-1]
		c := page.Cell{
			Lang: r.Lang, Segments: r.Segments, Missing: r.Missing, Stale: r.Stale,
			Translated: r.Translated, Reviewed: r.Reviewed, WordsPending: r.WordsPending, Percent: r.Percent,
		}
		row.Cells = append(row.Cells, c)
		for _, s := range r.Detail {
			if s.State == Stale {
				row.Stale = append(row.Stale, page.StaleSegment{Lang: r.Lang, ID: s.ID, Diff: wordDiff(s.Previous, s.Source), Translation: s.Translation})
			}
		}
		for i := range totals {
			if totals[i].Lang != r.Lang {
				continue
			}
			t := &totals[i]
			used[i] = true
			t.Segments += c.Segments
			t.Missing += c.Missing
			t.Stale += c.Stale
			t.Translated += c.Translated
			t.Reviewed += c.Reviewed
			t.WordsPending += c.WordsPending
		}
	}
	for i, t := range totals {
		if !used[i] {
			continue
		}
		if t.Segments > 0 {
			t.Percent = 100 * float64(t.Translated+t.Reviewed) / float64(t.Segments)
		}
		d.Totals = append(d.Totals, t)
	}
	return d, nil
}

// wordDiff returns a word diff from old to cur: runs of equal, deleted and
// inserted text that concatenate to old (equal and delete runs) and to cur
// (equal and insert runs). Words, spaces, punctuation and placeholders
// (<1>, </1>, <2/>) are its units; a change that spans several words is one
// deletion followed by one insertion, not a mix of single words. An
// unknown old text (empty) gives one insertion.
func wordDiff(old, cur string) []page.DiffOp {
	a, b := diffTokens(old), diffTokens(cur)
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type step struct {
		op   string
		text string
	}
	var steps []step
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			steps = append(steps, step{"equal", a[i]})
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			steps = append(steps, step{"insert", b[j]})
			j++
		default:
			steps = append(steps, step{"delete", a[i]})
			i++
		}
	}
	// A space or a lone punctuation mark kept between two changes reads
	// better as part of one larger change.
	for k := range steps {
		if steps[k].op != "equal" || !isFiller(steps[k].text) {
			continue
		}
		before := k > 0 && steps[k-1].op != "equal"
		after := k+1 < len(steps) && steps[k+1].op != "equal"
		if before && after {
			steps[k].op = "replace"
		}
	}
	var out []page.DiffOp
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, page.DiffOp{Op: "delete", Text: del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, page.DiffOp{Op: "insert", Text: ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	for _, s := range steps {
		switch s.op {
		case "delete":
			del.WriteString(s.text)
		case "insert":
			ins.WriteString(s.text)
		case "replace":
			del.WriteString(s.text)
			ins.WriteString(s.text)
		default:
			flush()
			if n := len(out); n > 0 && out[n-1].Op == "equal" {
				out[n-1].Text += s.text
			} else {
				out = append(out, page.DiffOp{Op: "equal", Text: s.text})
			}
		}
	}
	flush()
	return out
}

// isFiller reports whether a diff unit is spacing or one punctuation mark.
func isFiller(s string) bool {
	if strings.TrimSpace(s) == "" {
		return true
	}
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsPunct(r)
}

// diffTokens cuts a segment text into the units of a word diff:
// placeholders, runs of letters, digits and marks (words), runs of spaces,
// and single other characters.
func diffTokens(text string) []string {
	var out []string
	for _, t := range segment.Tokenize(text) {
		if t.Kind != segment.TokenText {
			out = append(out, t.Text)
			continue
		}
		s := t.Text
		for s != "" {
			r, n := utf8.DecodeRuneInString(s)
			class := runeClass(r)
			if class != 0 {
				for n < len(s) {
					r2, m := utf8.DecodeRuneInString(s[n:])
					if runeClass(r2) != class {
						break
					}
					n += m
				}
			}
			out = append(out, s[:n])
			s = s[n:]
		}
	}
	return out
}

// runeClass groups runes into words (1) and spacing (2); 0 is any other
// character, which stands alone.
func runeClass(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return 1
	case unicode.IsSpace(r):
		return 2
	}
	return 0
}
