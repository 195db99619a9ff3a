package catalog

import (
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, path, data, err string
		ids                   []string
	}{
		{"messages", "x.ru.toml", "[b]\nhash = \"sha1-1\"\nother = \"Б\"\n\n[a]\nother = \"А\"\n", "", []string{"a", "b"}},
		{"plural", "ui.ru.toml", "[t]\none = \"{{.Count}} минута\"\nfew = \"{{.Count}} минуты\"\nmany = \"{{.Count}} минут\"\nother = \"{{.Count}} минуты\"\n", "", []string{"t"}},
		{"empty", "x.kk.toml", "", "", nil},
		{"bad tag", "x.english!.toml", "", `x.english!.toml: invalid language tag "english!"`, nil},
		{"no tag", "x.toml", "", "x.toml: message files are named", nil},
		{"syntax", "x.tr.toml", "[a]\nother = \"unterminated\n", "x.tr.toml:2: invalid TOML", nil},
		{"unknown key", "x.tr.toml", "[a]\nother = \"x\"\n\n[b]\nother = \"y\"\nstatus = \"done\"\n", `x.tr.toml:4: message "b" has an unknown key "status"`, nil},
		{"duplicate table", "x.tr.toml", "[a]\nother = 'x'\n\n[a]\nother = 'y'\n", "x.tr.toml:4: invalid TOML: table a already exists", nil},
		{"duplicate key", "x.tr.toml", "[a]\nother = 'x'\nother = 'y'\n", "x.tr.toml:3: invalid TOML: key other is already defined", nil},
		{"table over dotted key", "x.tr.toml", "a.other = 'x'\n[a]\n", "x.tr.toml:2: invalid TOML: table a already exists as defined by a dotted key", nil},
		{"integer too large", "x.tr.toml", "[a]\nother = 'x'\nn = 99999999999999999999\n", "x.tr.toml:3: invalid TOML: decimal number is too large", nil},
		{"nested tables", "x.kk.toml", "[a.b]\nother = 'x'\n[a.\"c.d\"]\nother = 'y'\n", "", []string{"a.b", "a.c.d"}},
		{"top level", "x.kk.toml", "b = 'x'\na = \"y\"\n", "", []string{"a", "b"}},
		{"inline table", "x.kk.toml", "a = {other = 'x', hash = 'h'}\n", "", []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.path, []byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, m := range f.Messages {
				ids = append(ids, m.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("ids %v, want %v", ids, tt.ids)
			}
		})
	}
}

// TestParseLines checks that each message knows the line it starts on,
// however the file writes it.
func TestParseLines(t *testing.T) {
	data := `# header
top = "Top"

[a]
other = "A"

[n.m]
other = "NM"
[n]
x.other = "NX"
y = {other = "NY"}
z = "NZ"
[ "q.r" ]
other = '''
[not.a.header]
'''
[ s . 't.u' ]
one = "S"
`
	f, err := Parse("x.en.toml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"top": 2, "a": 4, "n.m": 7, "n.x": 10, "n.y": 11, "n.z": 12, "q.r": 13, "s.t.u": 17}
	if len(f.Messages) != len(want) {
		t.Errorf("%d messages, want %d: %+v", len(f.Messages), len(want), f.Messages)
	}
	for _, m := range f.Messages {
		if f.Line(m.ID) != want[m.ID] {
			t.Errorf("message %q at line %d, want %d", m.ID, f.Line(m.ID), want[m.ID])
		}
	}
}

// TestHashIsGoi18n checks Hash against goi18n's formula written out:
// sha1 of the description followed by the other form.
func TestHashIsGoi18n(t *testing.T) {
	if got, want := Hash("", "Hello"), "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0"; got != want {
		t.Errorf("Hash = %s, want %s", got, want)
	}
	if Hash("d", "x") != Hash("", "dx") {
		t.Error("the description is not hashed before the text")
	}
}

// TestMarshalLoadsInGoI18n checks that what Marshal writes is a go-i18n
// message file with the same messages, sorted, and that a re-marshal is
// byte-identical.
func TestMarshalLoadsInGoI18n(t *testing.T) {
	msgs := []Message{
		{ID: "z.last", Other: "Соңғы «сөз» — \"quoted\"\nand a line"},
		{ID: "a", Hash: Hash("", "A"), Other: "Ä İ ı"},
		{ID: "plural", One: "{{.Count}} dakika", Other: "{{.Count}} dakika"},
	}
	data, err := Marshal("header line", msgs)
	if err != nil {
		t.Fatal(err)
	}
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mf, err := b.ParseMessageFileBytes(data, "x.kk.toml")
	if err != nil {
		t.Fatalf("go-i18n: %v\n%s", err, data)
	}
	if len(mf.Messages) != 3 {
		t.Fatalf("go-i18n read %d messages", len(mf.Messages))
	}
	f, err := Parse("x.kk.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Marshal("header line", f.Messages)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Errorf("re-marshal differs:\n%s\n---\n%s", data, again)
	}
	if f.Messages[0].ID != "a" || f.Line("plural") == 0 {
		t.Errorf("messages not sorted or lines unknown: %+v", f.Messages)
	}
	if _, err := Marshal("", []Message{{ID: "a"}, {ID: "a"}}); err == nil {
		t.Error("duplicate IDs marshalled")
	}
}

// FuzzRoundTrip checks that any file Parse accepts marshals to a file
// that parses to the same messages.
func FuzzRoundTrip(f *testing.F) {
	f.Add("[a]\nhash = \"sha1-1\"\nother = \"x\"\n")
	f.Add("[t]\none = \"{{.Count}}\"\nother = \"\"\n[n.m]\nother = 'z'\n")
	f.Add("a = \"top level\"\n")
	f.Fuzz(func(t *testing.T, data string) {
		file, err := Parse("x.en.toml", []byte(data))
		if err != nil {
			return
		}
		out, err := Marshal("", file.Messages)
		if err != nil {
			return // an ID go-i18n accepted but TOML cannot key, or a duplicate
		}
		again, err := Parse("x.en.toml", out)
		if err != nil {
			t.Fatalf("re-parse of marshalled file: %v\n%s", err, out)
		}
		if len(again.Messages) != len(file.Messages) {
			t.Fatalf("%d messages became %d", len(file.Messages), len(again.Messages))
		}
		for i := range file.Messages {
			if file.Messages[i] != again.Messages[i] {
				t.Fatalf("message %d: %+v became %+v", i, file.Messages[i], again.Messages[i])
			}
		}
	})
}

func TestMeta(t *testing.T) {
	m := &Meta{Segments: map[string]SegmentMeta{
		"b": {Previous: "old"},
		"a": {Review: &Review{By: "Aigerim", On: "2026-11-27", Source: Hash("", "x"), Translation: TextHash("y")}},
	}}
	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseMeta("m.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Segments["a"].Review.By != "Aigerim" || back.Segments["b"].Previous != "old" {
		t.Errorf("round trip lost data: %+v", back)
	}
	if _, err := ParseMeta("m.toml", []byte("[segments.a]\nprevius = 'typo'\n")); err == nil {
		t.Error("unknown sidecar key accepted")
	}
	if data, _ := (&Meta{}).Marshal(); data != nil {
		t.Error("empty sidecar is not nil")
	}
}
