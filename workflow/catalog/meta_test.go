package catalog

import (
	"reflect"
	"strings"
	"testing"
)

// TestParseMetaRefuses checks that a sidecar with a key tilmash does not
// know, or a value of the wrong type, is refused at its line.
func TestParseMetaRefuses(t *testing.T) {
	tests := []struct{ name, data, err string }{
		{"unknown key", "[segments.a]\nprevious = 'p'\nprevius = 'typo'\n", `m.toml:3: unknown key "segments.a.previus"`},
		{"unknown table", "order = ['a']\n\n[notes.a]\nx = 1\n", `m.toml:3: unknown key "notes"`},
		{"unknown in history", "[[segments.a.history]]\ntext = 't'\n[[segments.a.history]]\ntext = 'u'\nwho = 'x'\n", `m.toml:5: unknown key "segments.a.history.who"`},
		{"first unknown key", "[segments.b]\nzz = 1\n[segments.a]\nyy = 1\n", `m.toml:2: unknown key "segments.b.zz"`},
		{"wrong type", "[segments.a]\nprevious = 1\n", `m.toml:2: key "segments.a.previous": cannot decode TOML integer`},
		{"wrong type before unknown key", "x = 1\n[segments.a]\nprevious = 1\n", `m.toml:3: key "segments.a.previous"`},
		{"table for a string", "[segments.a.previous]\n", `m.toml:1: key "segments.a.previous": cannot decode TOML table`},
		{"array of tables for a table", "[[segments.a.review]]\n", `m.toml:1: key "segments.a.review": cannot decode TOML array table`},
		{"string in order", "order = [\n  'a',\n  2,\n]\n", `m.toml:3: key "order": cannot decode TOML integer`},
		{"duplicate table", "[segments.a]\n[segments.a]\n", "m.toml:2: invalid TOML: table a already exists"},
		{"syntax", "[segments.a]\nprevious = 'p\n", "m.toml:2: invalid TOML: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMeta("m.toml", []byte(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Fatalf("error %v, want %q…", err, tt.err)
			}
		})
	}
}

// TestParseMetaForms checks the ways TOML can write the same sidecar.
func TestParseMetaForms(t *testing.T) {
	want := &Meta{
		Order: []string{"a", "b"},
		Segments: map[string]SegmentMeta{"a": {
			Previous: "p",
			Review:   &Review{By: "r", On: "2026-01-02", Source: "s", Translation: "t"},
			History:  []Version{{Text: "one"}, {Text: "two", Via: "push"}},
		}},
	}
	for _, data := range []string{
		"order = ['a', 'b']\n[segments.a]\nprevious = 'p'\n[segments.a.review]\nby = 'r'\non = '2026-01-02'\nsource = 's'\ntranslation = 't'\n[[segments.a.history]]\ntext = 'one'\n[[segments.a.history]]\ntext = 'two'\nvia = 'push'\n",
		"order = [\n  'a',\n  'b',\n]\n[segments.a.review]\nby = 'r'\non = '2026-01-02'\nsource = 's'\ntranslation = 't'\n[segments.a]\nprevious = 'p'\nhistory = [{text = 'one'}, {text = 'two', via = 'push'}]\n",
		"order = ['a', 'b']\nsegments.a.previous = 'p'\nsegments.a.review = {by = 'r', on = '2026-01-02', source = 's', translation = 't'}\nsegments.a.history = [{text = 'one'}, {text = 'two', via = 'push'}]\n",
		"ORDER = ['a', 'b']\n[Segments.a]\nPrevious = 'p'\nreview.by = 'r'\nreview.on = '2026-01-02'\nreview.source = 's'\nreview.translation = 't'\n[[segments.a.History]]\ntext = 'one'\n[[segments.a.History]]\nTEXT = 'two'\nvia = 'push'\n",
	} {
		m, err := ParseMeta("m.toml", []byte(data))
		if err != nil {
			t.Fatalf("%s\n%v", data, err)
		}
		if !reflect.DeepEqual(m, want) {
			t.Errorf("%s\nread %#v\nwant %#v", data, m, want)
		}
	}
}

func TestParseMemory(t *testing.T) {
	m := &Memory{}
	m.Add(MemoryEntry{Article: "a", ID: "x", Source: "S", Translation: "T"})
	m.Add(MemoryEntry{Article: "b", ID: "y", Source: "S2", Translation: "T2"})
	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseMemory("mem.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Entries, m.Entries) {
		t.Errorf("read %+v, want %+v", back.Entries, m.Entries)
	}
	_, err = ParseMemory("mem.toml", []byte("[[entry]]\narticle = 'a'\n\n[[entry]]\narticle = 'b'\nscore = 1\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `mem.toml:6: unknown key "entry.score"`) {
		t.Errorf("error %v", err)
	}
}

// sameData reports whether a and b hold the same data, taking an empty
// list or map for none: what a writer leaves out as empty reads back as
// none.
func sameData(a, b any) bool {
	return reflect.DeepEqual(withoutEmpty(reflect.ValueOf(a)).Interface(), withoutEmpty(reflect.ValueOf(b)).Interface())
}

// withoutEmpty returns a copy of v with its empty slices and maps nil and
// its unexported fields zero.
func withoutEmpty(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(withoutEmpty(v.Elem()))
		return p
	case reflect.Slice:
		if v.Len() == 0 {
			return reflect.Zero(v.Type())
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			s.Index(i).Set(withoutEmpty(v.Index(i)))
		}
		return s
	case reflect.Map:
		if v.Len() == 0 {
			return reflect.Zero(v.Type())
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			m.SetMapIndex(it.Key(), withoutEmpty(it.Value()))
		}
		return m
	case reflect.Struct:
		s := reflect.New(v.Type()).Elem()
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				s.Field(i).Set(withoutEmpty(v.Field(i)))
			}
		}
		return s
	}
	return v
}

// FuzzParseMeta checks that any sidecar ParseMeta accepts writes to one
// that reads back the same.
func FuzzParseMeta(f *testing.F) {
	f.Add("order = ['a', 'b']\n[segments.a]\nprevious = 'p'\n[segments.a.review]\nby = 'r'\non = '2026-01-02'\nsource = 's'\ntranslation = 't'\n[[segments.a.history]]\ntext = 'one'\n[[segments.a.history]]\ntext = 'two'\nvia = 'push'\n")
	f.Add("segments = {\"a.b\" = {previous = \"p\\n\\\"q\\\"\"}, c = {history = []}}\n")
	f.Add("[segments.'']\nprevious = '''\nmulti\nline'''\n")
	f.Add("order = []\n[segments.a]\n")
	f.Fuzz(func(t *testing.T, data string) {
		m, err := ParseMeta("m.toml", []byte(data))
		if err != nil {
			return
		}
		out, err := m.Marshal()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := ParseMeta("m.toml", out)
		if err != nil {
			t.Fatalf("re-parse of marshalled sidecar: %v\n%s", err, out)
		}
		if m.IsEmpty() {
			m = &Meta{} // written as nothing
		}
		if !sameData(m, back) {
			t.Fatalf("%#v\nbecame\n%#v\n%s", m, back, out)
		}
	})
}

// FuzzParseMemory checks that any memory ParseMemory accepts writes to one
// that reads back the same.
func FuzzParseMemory(f *testing.F) {
	f.Add("[[entry]]\narticle = 'a'\nid = 'x'\nsource = 'S'\ntranslation = 'T'\n")
	f.Add("entry = [{article = 'a', source = \"\\u00e9\", translation = '''\nT'''}, {}]\n")
	f.Fuzz(func(t *testing.T, data string) {
		m, err := ParseMemory("mem.toml", []byte(data))
		if err != nil {
			return
		}
		out, err := m.Marshal()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := ParseMemory("mem.toml", out)
		if err != nil {
			t.Fatalf("re-parse of marshalled memory: %v\n%s", err, out)
		}
		if !sameData(m, back) {
			t.Fatalf("%#v\nbecame\n%#v\n%s", m.Entries, back.Entries, out)
		}
	})
}
