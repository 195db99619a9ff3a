package page

import (
	"bytes"
	"errors"
	"flag"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ instead of comparing")

// renderEdition renders e or fails the test.
func renderEdition(t *testing.T, e Edition) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteEdition(&b, e); err != nil {
		t.Fatalf("WriteEdition(%s): %v", e.Lang, err)
	}
	return b.String()
}

// renderIndex renders ix or fails the test.
func renderIndex(t *testing.T, ix Index) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteIndex(&b, ix); err != nil {
		t.Fatalf("WriteIndex: %v", err)
	}
	return b.String()
}

// renderDashboard renders d or fails the test.
func renderDashboard(t *testing.T, d Dashboard) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteDashboard(&b, d); err != nil {
		t.Fatalf("WriteDashboard: %v", err)
	}
	return b.String()
}

// mustContain fails the test for each want that is not in s.
func mustContain(t *testing.T, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("output lacks %q", w)
		}
	}
}

// mustNotContain fails the test for each bad string that is in s.
func mustNotContain(t *testing.T, s string, bads ...string) {
	t.Helper()
	for _, b := range bads {
		if strings.Contains(s, b) {
			t.Errorf("output contains %q", b)
		}
	}
}

func TestWriteEditionStructure(t *testing.T) {
	for _, e := range sampleEditions() {
		t.Run(e.Lang, func(t *testing.T) {
			out := renderEdition(t, e)
			if !strings.HasPrefix(out, "<!DOCTYPE html>\n<html lang=\""+e.Lang+"\" dir=\"ltr\">\n") {
				t.Errorf("output does not start with the doctype and <html lang=%q dir=\"ltr\">:\n%.120s", e.Lang, out)
			}
			mustContain(t, out,
				"<title>"+template.HTMLEscapeString(e.Title)+"</title>",
				"<h1>"+template.HTMLEscapeString(e.Title)+"</h1>",
				`<meta charset="utf-8">`,
				`<link rel="canonical" href="`+e.CanonicalHref+`">`,
				string(e.Body),
				`<p class="kicker">`+e.Kicker+`</p>`,
				`<footer class="colophon">`,
			)
			for _, m := range e.Meta {
				mustContain(t, out, "<li>"+m+"</li>")
			}
			// One hreflang link per alternate, the current page included, in order.
			re := regexp.MustCompile(`<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">`)
			got := re.FindAllStringSubmatch(out, -1)
			if len(got) != len(e.Alternates) {
				t.Fatalf("found %d hreflang links, want %d", len(got), len(e.Alternates))
			}
			for i, a := range e.Alternates {
				if got[i][1] != a.Lang || got[i][2] != a.Href {
					t.Errorf("hreflang link %d = (%s, %s), want (%s, %s)", i, got[i][1], got[i][2], a.Lang, a.Href)
				}
				if a.Current {
					mustContain(t, out, `<span aria-current="page" lang="`+a.Lang+`">`+a.Name+`</span>`)
				} else {
					mustContain(t, out, `<a href="`+a.Href+`" hreflang="`+a.Lang+`" lang="`+a.Lang+`">`+a.Name+`</a>`)
				}
			}
			if got := strings.Count(out, `aria-current="page"`); got != 1 {
				t.Errorf("%d elements marked current, want 1", got)
			}
			mustNotContain(t, out, "<script")
			if (e.Notice != "") != strings.Contains(out, `class="notice"`) {
				t.Errorf("notice shown = %v, want %v", !(e.Notice != ""), e.Notice != "")
			}
		})
	}
}

func TestWriteEditionMinimal(t *testing.T) {
	out := renderEdition(t, Edition{Lang: "he", Dir: "rtl", Title: "כותרת", Body: "<p>טקסט</p>"})
	mustContain(t, out, `<html lang="he" dir="rtl">`, "<title>כותרת</title>", "<p>טקסט</p>")
	mustNotContain(t, out, "hreflang", `class="kicker"`, `class="meta"`, `class="notice"`, `class="source"`, "<footer", "canonical", "<nav")
}

func TestWriteIndexStructure(t *testing.T) {
	ix := sampleIndex()
	out := renderIndex(t, ix)
	mustContain(t, out,
		`<html lang="kk" dir="ltr">`,
		"<title>Мақалалар</title>",
		"<h1>Мақалалар</h1>",
		`<a href="baikonur-lease.html" lang="ru">Переговоры об аренде Байконура`,
		`<a href="kazakhstan-turkey.html">Қазақстан — Түркия`,
		`<li class="entry full">`,
		`style="inline-size: 87.5%"`,
		"87% аударылған",
		`<link rel="alternate" hreflang="tr" href="../tr/index.html">`,
	)
	if got := strings.Count(out, `<li class="entry`); got != len(ix.Entries) {
		t.Errorf("%d entries, want %d", got, len(ix.Entries))
	}
	mustNotContain(t, out, "<script")
}

func TestWriteDashboardStructure(t *testing.T) {
	d := sampleDashboard()
	out := renderDashboard(t, d)
	mustContain(t, out,
		`<html lang="en" dir="ltr">`,
		"<title>Translation coverage</title>",
		`<table id="matrix" class="matrix">`,
		`<th scope="col" data-type="number"><span class="tag">kk</span></th>`,
		"<tfoot>",
		// ru of the first article: 34 of 34 reviewed.
		`<td class="cell s-reviewed" data-sort="100">`,
		// kk: all translated, not all reviewed.
		`<td class="cell s-finished" data-sort="100">`,
		// en of the second article: 6 of 28 done.
		`<td class="cell s-missing" data-sort="21.428571428571427">`,
		`<span class="pct">21%</span>`,
		`<td class="cell s-source" data-sort="-1">`,
		`<td class="cell s-empty" data-sort="0">`,
		`<ins>great </ins>`,
		`<del>creation</del><ins>establishment</ins>`,
		`<dd class="translation" lang="tr">Geçen sonbahar`,
		`<a href="#stale-1">Stale <b>2</b></a>`,
		`<section class="stale-article" id="stale-1">`,
		`<section class="stale-article" id="stale-2">`,
		`Words pending <b>118</b>`,
		`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`,
	)
	if got, want := strings.Count(out, `<td class="cell `), (len(d.Rows)+1)*len(d.Languages); got != want {
		t.Errorf("%d cells, want %d", got, want)
	}
	if got := strings.Count(out, "<tr data-index="); got != len(d.Rows) {
		t.Errorf("%d body rows, want %d", got, len(d.Rows))
	}
	if got := strings.Count(out, "<script"); got != 1 {
		t.Errorf("%d scripts, want 1", got)
	}
	// No article has stale segments in the third row, so no third section.
	mustNotContain(t, out, `id="stale-3"`, "No stale segments.")
}

func TestWriteDashboardLabels(t *testing.T) {
	d := sampleDashboard()
	d.Lang = "ru"
	d.Labels = DashboardLabels{Article: "Статья", Missing: "Нет перевода"}
	out := renderDashboard(t, d)
	mustContain(t, out, `<html lang="ru"`, ">Статья</th>", "Нет перевода <b>", "Words pending") // the rest stays English
	d.Rows = d.Rows[2:]
	mustContain(t, renderDashboard(t, d), "No stale segments.")
}

// TestDeterministic renders every page twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	for _, e := range sampleEditions() {
		if a, b := renderEdition(t, e), renderEdition(t, e); a != b {
			t.Errorf("edition %s differs between two renders", e.Lang)
		}
	}
	if a, b := renderIndex(t, sampleIndex()), renderIndex(t, sampleIndex()); a != b {
		t.Error("index differs between two renders")
	}
	if a, b := renderDashboard(t, sampleDashboard()), renderDashboard(t, sampleDashboard()); a != b {
		t.Error("dashboard differs between two renders")
	}
}

// callerURLs returns every URL the sample inputs pass, longest first.
func callerURLs() []string {
	var urls []string
	for _, e := range sampleEditions() {
		urls = append(urls, e.Source.Href, e.CanonicalHref, link40268, link40405)
	}
	return urls
}

// TestNoExternalResources checks that the pages load nothing and name no URL
// but the caller's.
func TestNoExternalResources(t *testing.T) {
	pages := map[string]string{
		"index":     renderIndex(t, sampleIndex()),
		"dashboard": renderDashboard(t, sampleDashboard()),
	}
	for _, e := range sampleEditions() {
		pages["edition-"+e.Lang] = renderEdition(t, e)
	}
	for name, out := range pages {
		rest := out
		for _, u := range callerURLs() {
			rest = strings.ReplaceAll(rest, u, "")
		}
		for _, bad := range []string{"http://", "https://", "//fonts.", "@import", "url(", "@font-face", " src=", "<link rel=\"stylesheet\"", "<iframe", "<object", "<embed"} {
			if strings.Contains(rest, bad) {
				t.Errorf("%s: output contains %q outside the caller's URLs", name, bad)
			}
		}
	}
}

// hostile strings that must come out as text.
const (
	hostileScript = `<script>alert(1)</script>`
	hostileAttr   = `"><img src=x onerror=alert(1)>`
	hostileHref   = `javascript:alert(1)`
)

// hostileEdition puts hostile strings in every text and URL field.
func hostileEdition() Edition {
	return Edition{
		Lang:            "en",
		Title:           hostileScript,
		Kicker:          hostileAttr,
		Meta:            []string{hostileScript, hostileAttr},
		Notice:          hostileAttr + hostileScript,
		Body:            "<p>A safe body.</p>",
		Source:          Link{Label: hostileScript, Href: hostileHref},
		Alternates:      []Alternate{{Lang: "en", Name: hostileScript, Href: hostileAttr, Current: true}, {Lang: "ru", Name: hostileAttr, Href: hostileHref}},
		AlternatesLabel: hostileAttr,
		Footer:          hostileScript,
		CanonicalHref:   "JavaScript:alert(2)",
	}
}

// hostileIndex puts hostile strings in every text and URL field.
func hostileIndex() Index {
	return Index{
		Lang:            "en",
		Title:           hostileScript,
		Footer:          hostileAttr,
		Entries:         []IndexEntry{{Title: hostileScript, Href: hostileHref, Coverage: hostileAttr, Percent: 50}, {Title: hostileAttr, Href: hostileAttr}},
		Alternates:      []Alternate{{Lang: "en", Name: hostileScript, Href: hostileHref, Current: true}, {Lang: "kk", Name: hostileAttr, Href: " javascript:alert(3)"}},
		AlternatesLabel: hostileScript,
	}
}

// hostileDashboard puts hostile strings in every text field.
func hostileDashboard() Dashboard {
	d := sampleDashboard()
	d.Title = hostileScript
	d.Labels = DashboardLabels{Article: hostileAttr, Stale: hostileScript, SortHint: hostileAttr}
	d.Rows[0].Article = hostileAttr
	d.Rows[0].Title = hostileScript
	d.Rows[0].Stale[0].ID = hostileAttr
	d.Rows[0].Stale[0].Diff = []DiffOp{eq(hostileScript), ins(hostileAttr), del(`</del><script>alert(1)</script>`)}
	d.Rows[0].Stale[0].Translation = hostileScript + hostileAttr
	return d
}

func TestHostileStringsAreText(t *testing.T) {
	var dash bytes.Buffer
	if err := WriteDashboard(&dash, hostileDashboard()); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		out     string
		scripts int
	}{
		"edition":   {renderEdition(t, hostileEdition()), 0},
		"index":     {renderIndex(t, hostileIndex()), 0},
		"dashboard": {dash.String(), 1},
	} {
		t.Run(name, func(t *testing.T) {
			out := tc.out
			mustNotContain(t, out, hostileScript, "<img", `href="javascript:`, `href="JavaScript:`, `href=" javascript:`)
			if got := strings.Count(out, "<script"); got != tc.scripts {
				t.Errorf("%d <script> elements, want %d", got, tc.scripts)
			}
			mustContain(t, out, "&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;")
			if name != "dashboard" {
				mustContain(t, out, "#ZgotmplZ") // html/template's mark for a rejected URL
			}
		})
	}
}

func TestInvalidInput(t *testing.T) {
	ok := sampleEditions()[2]
	edition := func(f func(*Edition)) Edition { e := ok; e.Alternates = sampleAlternates("kk"); f(&e); return e }
	dash := func(f func(*Dashboard)) Dashboard { d := sampleDashboard(); f(&d); return d }
	index := func(f func(*Index)) Index { ix := sampleIndex(); f(&ix); return ix }
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
		want  string
	}{
		{"edition no lang", func(b *bytes.Buffer) error { return WriteEdition(b, edition(func(e *Edition) { e.Lang = "" })) }, "missing language tag"},
		{"edition bad lang", func(b *bytes.Buffer) error { return WriteEdition(b, edition(func(e *Edition) { e.Lang = "kk_KZ!" })) }, `invalid language tag "kk_KZ!"`},
		{"edition bad dir", func(b *bytes.Buffer) error { return WriteEdition(b, edition(func(e *Edition) { e.Dir = "up" })) }, `invalid text direction "up"`},
		{"edition no title", func(b *bytes.Buffer) error { return WriteEdition(b, edition(func(e *Edition) { e.Title = " " })) }, "title is empty"},
		{"empty meta line", func(b *bytes.Buffer) error {
			return WriteEdition(b, edition(func(e *Edition) { e.Meta = []string{"a", ""} }))
		}, "meta line 2 is empty"},
		{"alternate bad lang", func(b *bytes.Buffer) error {
			return WriteEdition(b, edition(func(e *Edition) { e.Alternates[1].Lang = "русский" }))
		}, "alternate 2: invalid language tag"},
		{"alternate twice", func(b *bytes.Buffer) error {
			return WriteEdition(b, edition(func(e *Edition) { e.Alternates[1].Lang = "EN" }))
		}, `alternate 2: duplicate language "EN"`},
		{"alternate no href", func(b *bytes.Buffer) error {
			return WriteEdition(b, edition(func(e *Edition) { e.Alternates[3].Href = "" }))
		}, "alternate 4: href is empty"},
		{"alternate no name", func(b *bytes.Buffer) error {
			return WriteEdition(b, edition(func(e *Edition) { e.Alternates[0].Name = "" }))
		}, "alternate 1: name is empty"},
		{"two current", func(b *bytes.Buffer) error {
			return WriteEdition(b, edition(func(e *Edition) { e.Alternates[0].Current = true }))
		}, "2 alternates are marked current"},
		{"alternates without label", func(b *bytes.Buffer) error {
			return WriteEdition(b, edition(func(e *Edition) { e.AlternatesLabel = "" }))
		}, "alternates label is empty"},
		{"index percent", func(b *bytes.Buffer) error {
			return WriteIndex(b, index(func(ix *Index) { ix.Entries[1].Percent = 101 }))
		}, "entry 2: percent must be a number from 0 to 100"},
		{"index no href", func(b *bytes.Buffer) error {
			return WriteIndex(b, index(func(ix *Index) { ix.Entries[0].Href = "" }))
		}, "entry 1: href is empty"},
		{"index entry lang", func(b *bytes.Buffer) error {
			return WriteIndex(b, index(func(ix *Index) { ix.Entries[2].Lang = "?" }))
		}, "entry 3: invalid language tag"},
		{"dashboard no title", func(b *bytes.Buffer) error {
			return WriteDashboard(b, dash(func(d *Dashboard) { d.Title = "" }))
		}, "title is empty"},
		{"dashboard language twice", func(b *bytes.Buffer) error {
			return WriteDashboard(b, dash(func(d *Dashboard) { d.Languages = append(d.Languages, "ru") }))
		}, `language "ru" is listed twice`},
		{"cell not a column", func(b *bytes.Buffer) error {
			return WriteDashboard(b, dash(func(d *Dashboard) { d.Rows[1].Cells[0].Lang = "de" }))
		}, `cell for "de", which is not a column`},
		{"two cells", func(b *bytes.Buffer) error {
			return WriteDashboard(b, dash(func(d *Dashboard) { d.Rows[1].Cells[1].Lang = "en" }))
		}, "two cells for one language"},
		{"counts do not add up", func(b *bytes.Buffer) error {
			return WriteDashboard(b, dash(func(d *Dashboard) { d.Rows[0].Cells[0].Missing++ }))
		}, "missing+stale+translated+reviewed = 35, want segments = 34"},
		{"negative count", func(b *bytes.Buffer) error {
			return WriteDashboard(b, dash(func(d *Dashboard) { d.Totals[0].WordsPending = -1 }))
		}, "totals: en: negative count"},
		{"unknown op", func(b *bytes.Buffer) error {
			return WriteDashboard(b, dash(func(d *Dashboard) { d.Rows[0].Stale[1].Diff[0].Op = "replace" }))
		}, `stale segment 2: diff op 1: unknown op "replace"`},
		{"stale lang", func(b *bytes.Buffer) error {
			return WriteDashboard(b, dash(func(d *Dashboard) { d.Rows[1].Stale[0].Lang = "de" }))
		}, `language "de" is not a column`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := tc.write(&b)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes on error", b.Len())
			}
		})
	}
	var b bytes.Buffer
	err := WriteIndex(&b, index(func(ix *Index) { ix.Entries[0].Percent = -0.5 }))
	if !errors.Is(err, errPercent) {
		t.Errorf("negative percent: error = %v, want errPercent", err)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := WriteEdition(failWriter{}, sampleEditions()[0]); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error = %v, want the writer's", err)
	}
}

func TestFormatPercent(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want string
	}{
		{0, "0%"}, {0.2, "<1%"}, {1, "1%"}, {21.43, "21%"}, {87.5, "87%"}, {99.9, "99%"}, {100, "100%"},
	} {
		if got := formatPercent(tc.p); got != tc.want {
			t.Errorf("formatPercent(%v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestCellState(t *testing.T) {
	for _, tc := range []struct {
		c    Cell
		want state
	}{
		{cell("kk", 0, 0, 0, 0, 0), stateEmpty},
		{cell("kk", 0, 0, 0, 5, 0), stateReviewed},
		{cell("kk", 0, 0, 1, 4, 0), stateFinished},
		{cell("kk", 0, 1, 0, 4, 9), stateProgress},
		{cell("kk", 2, 0, 2, 0, 9), stateProgress},
		{cell("kk", 3, 0, 2, 0, 9), stateMissing},
		{cell("kk", 5, 0, 0, 0, 9), stateMissing},
	} {
		if got := cellState(tc.c); got != tc.want {
			t.Errorf("cellState(%+v) = %s, want %s", tc.c, got, tc.want)
		}
	}
}

// TestGolden compares the sample pages with testdata/*.html; -update
// rewrites them. Review the diff of an update like code.
func TestGolden(t *testing.T) {
	golden := map[string]string{
		"index-kk.html":  renderIndex(t, sampleIndex()),
		"dashboard.html": renderDashboard(t, sampleDashboard()),
	}
	for _, e := range sampleEditions() {
		golden["edition-"+e.Lang+".html"] = renderEdition(t, e)
	}
	for name, got := range golden {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from the golden file; run go test ./workflow/page/ -update and review the diff:\n%s", path, firstDiff(got, string(want)))
		}
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}
