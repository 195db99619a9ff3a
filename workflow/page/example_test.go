package page_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tilmash/tilmash/workflow/page"
)

// The build stage hands WriteEdition an edition whose strings are already
// localized; the page links every language version in its head and shows a
// switcher.
func ExampleWriteEdition() {
	e := page.Edition{
		Lang:   "kk",
		Title:  "Қазақстан — Түркия: жаңа қадамдар",
		Kicker: "ТАЛДАУ",
		Meta:   []string{"Ағылшын тілінен аударылған", "Оқу уақыты: 6 минут"},
		Body:   "<p>Посткеңестік кеңістіктегі мұсылмандар үшін…</p>",
		Alternates: []page.Alternate{
			{Lang: "en", Name: "English", Href: "../en/kazakhstan-turkey.html"},
			{Lang: "kk", Name: "Қазақша", Href: "kazakhstan-turkey.html", Current: true},
		},
		AlternatesLabel: "Басқа тілдердегі нұсқалары",
		Footer:          "2015 — 2023 ©. Барлық құқықтар қорғалған.",
	}
	var b bytes.Buffer
	if err := page.WriteEdition(&b, e); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(b.String(), "\n") {
		for _, prefix := range []string{"<html", "<title>", `<link rel="alternate"`, "<h1>", "<li><span aria-current"} {
			if strings.HasPrefix(line, prefix) {
				fmt.Println(line)
			}
		}
	}
	// Output:
	// <html lang="kk" dir="ltr">
	// <title>Қазақстан — Түркия: жаңа қадамдар</title>
	// <link rel="alternate" hreflang="en" href="../en/kazakhstan-turkey.html">
	// <link rel="alternate" hreflang="kk" href="kazakhstan-turkey.html">
	// <li><span aria-current="page" lang="kk">Қазақша</span></li>
	// <h1>Қазақстан — Түркия: жаңа қадамдар</h1>
}

// A Dashboard row with counts that do not add up is an error, and nothing is
// written.
func ExampleWriteDashboard_invalid() {
	d := page.Dashboard{
		Title:     "Translation coverage",
		Languages: []string{"ru", "kk", "tr"},
		Rows: []page.DashboardRow{{
			Article: "kazakhstan-turkey",
			Cells:   []page.Cell{{Lang: "kk", Segments: 34, Missing: 3, Translated: 30, Percent: 88.2}},
		}},
	}
	var b bytes.Buffer
	err := page.WriteDashboard(&b, d)
	fmt.Println(err)
	fmt.Println(b.Len())
	// Output:
	// page: dashboard: row 1 (kazakhstan-turkey): kk: missing+stale+translated+reviewed = 33, want segments = 34
	// 0
}
