package edition

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// uiTextTests are UI strings with the delimiters of their message ("" for
// the default) and, for those refused, a part of the problem.
var uiTextTests = []struct {
	text, left, right string
	problem           string // "" when accepted
}{
	// Accepted.
	{"", "", "", ""},
	{"Reading time", "", "", ""},
	{"{{.Count}}", "", "", ""},
	{"{{ .Count }}", "", "", ""},
	{"{{\t.Count\n}}", "", "", ""},
	{"Reading time: {{.Count}} minutes", "", "", ""},
	{"{{.Day}} {{.Month}} {{ .Year }} г.", "", "", ""},
	{"{{.Percent}}{{.Percent}}%", "", "", ""},
	{"no action }} { here", "", "", ""},
	{"{{.Ünïcode_1}}", "", "", ""},
	{"<<.Name>> and {{range .X}}{{end}} as text", "<<", ">>", ""},
	{"[[ .Name ]]", "[[", "]]", ""},

	// Control structures and templates.
	{"{{range .X}}{{range .Y}}x{{end}}{{end}}", "", "", "{{range}} is not allowed"},
	{"{{range $i, $e := .X}}{{$e}}{{end}}", "", "", "{{range}} is not allowed"},
	{"{{if .A}}a{{else}}b{{end}}", "", "", "{{if}} is not allowed"},
	{"{{with .A}}{{.}}{{end}}", "", "", "{{with}} is not allowed"},
	{`{{template "x" .}}`, "", "", "{{template}} is not allowed"},
	{`{{define "x"}}{{template "x" .}}{{end}}{{template "x" .}}`, "", "", "{{define}} and {{block}} are not allowed"},
	{`{{define "m"}}x{{end}}`, "", "", "{{define}} and {{block}} are not allowed"},
	{`{{block "x" .}}b{{end}}`, "", "", "{{define}} and {{block}} are not allowed"},
	{"<<range .X>><<end>>", "<<", ">>", "<<range>> is not allowed"},

	// Actions other than one field.
	{`{{.A | printf "%s"}}`, "", "", "pipelines"},
	{`{{printf "%s" .A}}`, "", "", "function calls ({{printf …}})"},
	{"{{len .A}}", "", "", "function calls"},
	{"{{print}}", "", "", "function calls ({{print}})"},
	{"{{.Method .X}}", "", "", "arguments ({{.Method …}})"},
	{"{{$x := .A}}{{$x}}", "", "", "variables ({{$x := …}})"},
	{"{{$}}", "", "", "variables ({{$}})"},
	{"{{.}}", "", "", "{{.}} is not allowed"},
	{"{{.A.B}}", "", "", "{{.A.B}} is not allowed: a reference names one value, as in {{.A}}"},
	{"{{(.A)}}", "", "", "parenthesized expressions"},
	{"{{(.A).B}}", "", "", "parenthesized expressions"},
	{`{{"x"}}`, "", "", "constants"},
	{"{{1}}", "", "", "constants ({{1}})"},
	{"{{true}}", "", "", "constants"},
	{"{{/* note */}}", "", "", "comments ({{/* … */}}) are not allowed"},

	// Trim markers, which the tree does not show.
	{"a {{- .Name}}", "", "", "trim markers ({{- and -}}) are not allowed"},
	{"{{.Name -}} b", "", "", "trim markers"},
	{"{{- .Name -}}", "", "", "trim markers"},
	{"a <<- .Name>>", "<<", ">>", "trim markers (<<- and ->>) are not allowed"},

	// Not templates, or too big to parse.
	{"{{.Name", "", "", "it is not a valid template"},
	{"{{end}}", "", "", "it is not a valid template"},
	{"{{break}}", "", "", "it is not a valid template"},
	{"{{nil}}", "", "", "constants ({{nil}})"},
	{strings.Repeat("{{.A}}", 101), "", "", "it has 101 actions ({{…}}), more than the 100 a UI string may have"},
	{strings.Repeat("{{if .}}", 1000) + strings.Repeat("{{end}}", 1000), "", "", "it has 2000 actions"},
}

func TestUITextProblem(t *testing.T) {
	for _, tt := range uiTextTests {
		got := uiTextProblem("id", tt.text, tt.left, tt.right)
		switch {
		case tt.problem == "" && got != "":
			t.Errorf("%q (%q %q) refused: %s", tt.text, tt.left, tt.right, got)
		case tt.problem != "" && !strings.Contains(got, tt.problem):
			t.Errorf("%q (%q %q): problem %q, want one with %q", tt.text, tt.left, tt.right, got, tt.problem)
		}
	}
}

func TestCheckUIMessage(t *testing.T) {
	m := &i18n.Message{
		ID:    "edition_reading_time",
		One:   "{{.Count}} minute",
		Few:   "{{range .X}}{{end}} minutes",
		Other: "{{.Count | printf \"%d\"}} minutes",
	}
	err := CheckUIMessage(m)
	want := `UI string "edition_reading_time" (plural form "few"): {{range}} is not allowed; ` + uiAdvice + "\n" +
		`UI string "edition_reading_time" (plural form "other"): pipelines ({{… | …}}) are not allowed; ` + uiAdvice
	if err == nil || err.Error() != want {
		t.Fatalf("CheckUIMessage:\n%v\nwant\n%s", err, want)
	}
	var e *UIStringError
	if !errors.As(err, &e) || e.ID != m.ID || e.Form != "few" {
		t.Errorf("CheckUIMessage error is not a *UIStringError for the few form: %#v", err)
	}
	if !strings.Contains(err.Error(), "UI strings may use only {{.Name}} references") {
		t.Errorf("the error does not say what is allowed: %v", err)
	}
	m.Few, m.Other = "{{ .Count }} minutes", "{{.Count}} minutes"
	if err := CheckUIMessage(m); err != nil {
		t.Errorf("CheckUIMessage refused plain references: %v", err)
	}
	delims := &i18n.Message{ID: "d", LeftDelim: "<<", RightDelim: ">>", Other: "{{range .X}}{{end}} <<.Name>>"}
	if err := CheckUIMessage(delims); err != nil {
		t.Errorf("CheckUIMessage read {{…}} as an action with delimiters << >>: %v", err)
	}
	delims.Other = "<<if .A>>x<<end>>"
	if err := CheckUIMessage(delims); err == nil || !strings.Contains(err.Error(), "<<if>> is not allowed") {
		t.Errorf("CheckUIMessage with delimiters << >>: %v, want <<if>> refused", err)
	}
}

func TestCheckUIFile(t *testing.T) {
	data := `# UI strings
plain = "{{template \"x\"}}"
inline = { other = "{{.A | len}}", one = "{{.A}}" }
dotted.other = "{{.A}}"
dotted.one = "{{if .A}}{{end}}"

[ok]
description = "{{range .Desc}}{{end}} is not rendered"
one = "{{.Count}} minute"
other = "{{ .Count }} minutes"

[bad]
description = "x"
one = "{{range .X}}{{end}}"
Other = "fine"
many = "{{- .Count}}"

[nested.msg]
OTHER = "{{with .A}}{{end}}"

[delims]
leftDelim = "<<"
rightDelim = ">>"
other = "{{range}} <<.A>>"
`
	err := CheckUIFile("locales/kk/ui.kk.toml", []byte(data))
	want := strings.Join([]string{
		`locales/kk/ui.kk.toml:2: UI string "plain" (plural form "other"): {{template}} is not allowed; ` + uiAdvice,
		`locales/kk/ui.kk.toml:3: UI string "inline" (plural form "other"): pipelines ({{… | …}}) are not allowed; ` + uiAdvice,
		`locales/kk/ui.kk.toml:5: UI string "dotted" (plural form "one"): {{if}} is not allowed; ` + uiAdvice,
		`locales/kk/ui.kk.toml:14: UI string "bad" (plural form "one"): {{range}} is not allowed; ` + uiAdvice,
		`locales/kk/ui.kk.toml:16: UI string "bad" (plural form "many"): trim markers ({{- and -}}) are not allowed; ` + uiAdvice,
		`locales/kk/ui.kk.toml:19: UI string "nested.msg" (plural form "other"): {{with}} is not allowed; ` + uiAdvice,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Fatalf("CheckUIFile:\n%v\nwant\n%s", err, want)
	}

	if err := CheckUIFile("ui.kk.toml", []byte("[a\nother = 1")); err == nil || !strings.HasPrefix(err.Error(), "ui.kk.toml: ") {
		t.Errorf("CheckUIFile of a file that does not parse: %v, want an error naming the file", err)
	}
	if err := CheckUIFile("ui.kk.toml", nil); err != nil {
		t.Errorf("CheckUIFile of an empty file: %v", err)
	}
}

// TestDefaultUIIsPlain keeps tilmash's own UI strings within the rule.
func TestDefaultUIIsPlain(t *testing.T) {
	for _, tag := range []string{"en", "ru", "kk", "tr"} {
		data := DefaultUI(language.Make(tag))
		if data == nil {
			t.Errorf("no default UI strings for %s", tag)
			continue
		}
		if err := CheckUIFile("ui."+tag+".toml", data); err != nil {
			t.Error(err)
		}
	}
}

// uiFuzzDelims are the delimiters FuzzCheckUIMessage compares renderings
// with: for them, the test's own reading of an accepted string is sure.
var uiFuzzDelims = [][2]string{{"", ""}, {"{{", "}}"}, {"<<", ">>"}, {"[[", "]]"}}

// FuzzCheckUIMessage checks that CheckUIMessage never panics, whatever the
// text and delimiters, and that go-i18n renders every string it accepts
// in bounded time, to the string with each {{.Name}} replaced by the value
// of Name (or "<no value>"), which is all an accepted string can do.
func FuzzCheckUIMessage(f *testing.F) {
	for _, tt := range uiTextTests {
		f.Add(tt.text, tt.left, tt.right)
	}
	f.Add("{{.Name}} {{.Count}} {{.Missing}}", "", "")
	f.Add(strings.Repeat("{{range .X}}", 200)+strings.Repeat("{{end}}", 200), "", "")
	data := map[string]any{"Name": "Ä", "Count": 12345, "Percent": "87"}
	const longest = len("<no value>")
	f.Fuzz(func(t *testing.T, text, left, right string) {
		m := &i18n.Message{ID: "m", Other: text, LeftDelim: left, RightDelim: right}
		if err := CheckUIMessage(m); err != nil {
			var e *UIStringError
			if !errors.As(err, &e) || e.ID != "m" || e.Form != "other" {
				t.Fatalf("CheckUIMessage error names no message and form: %#v", err)
			}
			return
		}
		if text == "" {
			return // go-i18n has no form to render
		}
		b := i18n.NewBundle(language.English)
		if err := b.AddMessages(language.English, m); err != nil {
			t.Skip() // go-i18n refuses the message itself
		}
		type result struct {
			s   string
			err error
		}
		done := make(chan result, 1)
		go func() {
			s, err := i18n.NewLocalizer(b, "en").Localize(&i18n.LocalizeConfig{MessageID: "m", TemplateData: data})
			done <- result{s, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("rendering %q (delimiters %q %q) takes more than 10s", text, left, right)
		}
		if r.err != nil {
			t.Fatalf("go-i18n cannot render accepted %q (delimiters %q %q): %v", text, left, right, r.err)
		}
		if len(r.s) > len(text)*(1+longest) {
			t.Fatalf("accepted %q renders to %d bytes", text, len(r.s))
		}
		for _, d := range uiFuzzDelims {
			if d[0] == left && d[1] == right {
				if want := substitute(text, left, right, data); r.s != want {
					t.Fatalf("accepted %q (delimiters %q %q) renders to %q, want %q", text, left, right, r.s, want)
				}
			}
		}
	})
}

// substitute replaces every action of an accepted UI string with the
// value it names, as the test reads it: delimiters around a name that
// starts with a dot.
func substitute(text, left, right string, data map[string]any) string {
	if left == "" {
		left, right = "{{", "}}"
	}
	var b strings.Builder
	for {
		i := strings.Index(text, left)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		text = text[i+len(left):]
		j := strings.Index(text, right)
		name := strings.TrimPrefix(strings.Trim(text[:j], spaces), ".")
		if v, ok := data[name]; ok {
			fmt.Fprint(&b, v)
		} else {
			b.WriteString("<no value>")
		}
		text = text[j+len(right):]
	}
}
