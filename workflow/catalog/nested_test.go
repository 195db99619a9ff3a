package catalog

import (
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

func TestMarshalNested(t *testing.T) {
	for _, name := range []string{"floods", "news/2024/05/floods", "v1.2 notes", `odd"name`} {
		t.Run(name, func(t *testing.T) {
			msgs := []Message{
				{ID: "title", Hash: Hash("", "Floods"), Other: "Наводнения"},
				{ID: "the-river-rose-1a2b", Hash: Hash("", "The river rose."), Other: "Река поднялась."},
			}
			data, err := MarshalNested("Russian translations.", name, msgs)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse("x.ru.toml", data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			for _, m := range f.Messages {
				if !strings.HasPrefix(m.ID, name+".") {
					t.Errorf("ID %q is not under %q", m.ID, name)
				}
			}
			in, err := f.Within(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(in.Messages) != 2 || in.Messages[0].ID != "the-river-rose-1a2b" || in.Messages[1].ID != "title" || in.Line("title") == 0 {
				t.Errorf("Within = %+v", in.Messages)
			}
			// go-i18n loads it, with the article's name in the IDs.
			b := i18n.NewBundle(language.English)
			b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
			if _, err := b.ParseMessageFileBytes(data, "x.ru.toml"); err != nil {
				t.Fatal(err)
			}
			got, err := i18n.NewLocalizer(b, "ru").Localize(&i18n.LocalizeConfig{MessageID: name + ".title"})
			if err != nil || got != "Наводнения" {
				t.Errorf("Localize(%s.title) = %q, %v", name, got, err)
			}
			again, err := MarshalNested("Russian translations.", name, in.Messages)
			if err != nil || string(again) != string(data) {
				t.Errorf("not byte-identical on a re-run:\n%s\n---\n%s", data, again)
			}
		})
	}
}

func TestWithinOldLayout(t *testing.T) {
	data := []byte("[title]\nother = 'A'\n\n[floods.x-1]\nother = 'B'\n")
	f, err := Parse("x.ru.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	in, err := f.Within("floods")
	if err != nil || len(in.Messages) != 2 {
		t.Fatalf("Within = %+v, %v", in, err)
	}
	dup := []byte("[title]\nother = 'A'\n\n[floods.title]\nother = 'B'\n")
	if f, err = Parse("x.ru.toml", dup); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Within("floods"); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("err = %v, want a message found both ways", err)
	}
}

// TestParseNestedUnknownKey checks that an unknown key in a message inside
// an article's table is named with its line, as at the top.
func TestParseNestedUnknownKey(t *testing.T) {
	data := []byte("[a.title]\nhash = 'sha1-x'\nother = 'Алматы'\n\n[a.text-1]\nother = 'Текст'\nnote = 'oops'\n")
	_, err := Parse("x.ru.toml", data)
	if err == nil || !strings.Contains(err.Error(), `x.ru.toml:5: message "a.text-1" has an unknown key "note"`) {
		t.Errorf("err = %v, want the message, key and line named", err)
	}
}
