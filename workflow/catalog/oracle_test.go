package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
)

// The readers of this package once decoded files with go-toml's decoder
// (toml.Unmarshal, toml.Decoder.DisallowUnknownFields), which is quadratic
// in the number of tables. The functions below are those readers, kept as
// the reference the streaming readers are checked against.

// oldParse is Parse on toml.Unmarshal.
func oldParse(path string, data []byte) (*File, error) {
	tag, err := LangOfPath(path)
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		return nil, oldSyntaxError(path, err)
	}
	lines := oldHeaderLines(data)
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := checkMessage(raw, id); err != nil {
			return nil, &Error{Path: path, Line: lines[id], Msg: err.Error()}
		}
	}
	decoded := func(_ []byte, v any) error {
		p, ok := v.(*any)
		if !ok {
			return toml.Unmarshal(data, v)
		}
		*p = raw
		return nil
	}
	mf, err := i18n.ParseMessageFileBytes(data, path, map[string]i18n.UnmarshalFunc{"toml": decoded})
	if err != nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("not a go-i18n message file: %v", err)}
	}
	f := &File{Path: path, Lang: tag, lines: lines}
	for _, m := range mf.Messages {
		msg := Message{
			ID: m.ID, Description: m.Description, Hash: m.Hash,
			Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many, Other: m.Other,
		}
		if !msg.Empty() {
			f.Messages = append(f.Messages, msg)
		}
	}
	sort.Slice(f.Messages, func(i, j int) bool { return f.Messages[i].ID < f.Messages[j].ID })
	return f, nil
}

func oldSyntaxError(path string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return &Error{Path: path, Line: row, Msg: "invalid TOML: " + de.Error() + ": fix the syntax at this line"}
	}
	return &Error{Path: path, Msg: "invalid TOML: " + err.Error()}
}

func oldHeaderLines(data []byte) map[string]int {
	lines := map[string]int{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		l := strings.TrimSpace(string(line))
		if !strings.HasPrefix(l, "[") || strings.HasPrefix(l, "[[") {
			continue
		}
		end := strings.LastIndexByte(l, ']')
		if end < 0 {
			continue
		}
		key := strings.TrimSpace(l[1:end])
		if u, err := strconv.Unquote(key); err == nil {
			key = u
		} else if len(key) >= 2 && key[0] == '\'' && key[len(key)-1] == '\'' {
			key = key[1 : len(key)-1]
		}
		if _, ok := lines[key]; !ok {
			lines[key] = i + 1
		}
	}
	return lines
}

// oldDecode is ParseMeta and ParseMemory on go-toml's strict decoder.
func oldDecode(path string, data []byte, v any) error {
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return oldSyntaxError(path, err)
	}
	return nil
}

// errorLine returns the line an error of this package names, or 0.
func errorLine(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Line
	}
	return 0
}

// agreeParse checks that Parse reads data as oldParse does: both accept
// it or both refuse it, at the same line with the same words for invalid
// TOML; accepted, the same messages.
func agreeParse(t *testing.T, data []byte) {
	t.Helper()
	f, err := Parse("x.en.toml", data)
	g, oerr := oldParse("x.en.toml", data)
	if (err == nil) != (oerr == nil) {
		t.Fatalf("%q: Parse error %v, old reading %v", data, err, oerr)
	}
	if err != nil {
		// The words are the same but for go-toml's prefix; the old reading
		// knew only the lines of [headers], the new one where each message
		// starts.
		var e, oe *Error
		if !errors.As(err, &e) || !errors.As(oerr, &oe) {
			t.Fatalf("%q: error %v, old reading %v", data, err, oerr)
		}
		got, want := e.Msg, strings.Replace(oe.Msg, "invalid TOML: toml: ", "invalid TOML: ", 1)
		if strings.HasPrefix(want, "not a go-i18n message file") {
			// go-i18n's words depend on the order of map keys.
			got, want = got[:strings.IndexByte(got, ':')], want[:strings.IndexByte(want, ':')]
		}
		if got != want || e.Line != oe.Line && oe.Line != 0 {
			t.Fatalf("%q:\nerror %v\nwant  %v", data, err, oerr)
		}
		return
	}
	// go-i18n takes keys that differ only in case for the same, the one
	// it meets last in Go's map order.
	if !reflect.DeepEqual(sortedMessages(f.Messages), sortedMessages(g.Messages)) && !foldedTwice(data) {
		t.Fatalf("%q: messages\n%+v\nwant\n%+v", data, f.Messages, g.Messages)
	}
	for id, line := range g.lines {
		if _, ok := g.Lookup(id); ok && f.Line(id) != line && oldLineIsRight(data, line) {
			t.Fatalf("%q: message %q at line %d, old reading %d", data, id, f.Line(id), line)
		}
	}
}

// sortedMessages returns msgs sorted by all their fields: messages of
// the same ID come in go-i18n's order, which follows Go's map order.
func sortedMessages(msgs []Message) []Message {
	if msgs == nil {
		return nil
	}
	s := append([]Message(nil), msgs...)
	sort.Slice(s, func(i, j int) bool { return fmt.Sprint(s[i]) < fmt.Sprint(s[j]) })
	return s
}

// oldLineIsRight reports whether the old reading's header line could be
// right: a plain [header] line. It guessed headers from lines starting
// with '[', which multi-line strings can hold too.
func oldLineIsRight(data []byte, line int) bool {
	l := strings.TrimSpace(strings.Split(string(data), "\n")[line-1])
	return strings.Count(l, "]") == 1 && strings.HasSuffix(l, "]") && !strings.Contains(string(data), "'''") && !strings.Contains(string(data), `"""`)
}

// agreeDecode checks that decode fills a new value of v's type as oldDecode
// does, both accepting or both refusing.
func agreeDecode[T any](t *testing.T, data []byte, norm func(*T)) {
	t.Helper()
	var got, want T
	err := decode("x.toml", data, &got)
	oerr := oldDecode("x.toml", data, &want)
	if (err == nil) != (oerr == nil) {
		t.Fatalf("%q: %T: error %v, old reading %v", data, got, err, oerr)
	}
	if err != nil {
		// An error in the TOML comes first and reads as before. go-toml's
		// decoder met a value of the wrong type as it went, where bind
		// meets it once the document is read, and left values under
		// unknown keys unread: an error of the one kind can stand where
		// there was one of the other.
		old := strings.Replace(oerr.Error(), "invalid TOML: toml: ", "invalid TOML: ", 1)
		if bindingError(old) {
			// go-toml put an array in an array at the start of the document.
			nested := errorLine(oerr) == 1 && strings.Contains(old, "cannot decode TOML array")
			if bindingError(err.Error()) && errorLine(err) != errorLine(oerr) && !nested {
				t.Fatalf("%q: %T: error %v, old reading %v", data, got, err, oerr)
			}
		} else if err.Error() != old {
			t.Fatalf("%q: %T:\nerror %v\nwant  %v", data, got, err, old)
		}
		return
	}
	norm(&got)
	norm(&want)
	if !reflect.DeepEqual(got, want) && !foldedTwice(data) {
		t.Fatalf("%q: %T:\n%#v\nwant\n%#v", data, got, got, want)
	}
}

// bindingError reports whether err is about a value in a valid TOML
// document that does not fit the struct, rather than about the TOML.
func bindingError(err string) bool {
	for _, s := range []string{"unknown field", "missing table", "unknown key", "cannot decode", "cannot store", "key \""} {
		if strings.Contains(err, s) {
			return true
		}
	}
	return false
}

// foldedTwice reports whether a table of the document has two keys that
// differ only in case. go-toml fills a struct field in the order of the
// document from both; bind fills it from one key, then the other, so where
// both set the same value the last one may differ.
func foldedTwice(data []byte) bool {
	doc, err := readDoc(data, false)
	return err == nil && hasFoldedKeys(doc)
}

func hasFoldedKeys(n *node) bool {
	seen := map[string]bool{}
	for _, k := range n.keys.list() {
		l := strings.ToLower(k.name)
		if seen[l] || hasFoldedKeys(k.node) {
			return true
		}
		seen[l] = true
	}
	for _, e := range n.elems {
		if hasFoldedKeys(e) {
			return true
		}
	}
	return false
}

func normMeta(m *Meta) {}

func normMemory(m *Memory) { m.index = nil }

// decodeCases are documents that exercise TOML's rules on keys and tables
// and go-toml's ways of filling structs.
var decodeCases = []string{
	"",
	"\n\n# only a comment\n",
	"[a]\nother = 'x'\n",
	"[a]\nother = 'x'\n[a]\nother = 'y'\n",
	"[a]\nother = 'x'\nother = 'y'\n",
	"a = 'top'\nb = \"also\"\n",
	"a = 'top'\na = 'again'\n",
	"a.b = 1\n[a]\n",
	"a.b = 1\n[a.c]\nother='x'\n",
	"[a.b]\nother='x'\n[a]\nother='y'\n",
	"[a.b]\nother='x'\n[a]\nc.other='y'\n",
	"[a.b]\nother='x'\n[a]\nb.other='y'\n",
	"[a]\nb = {other='x'}\n[a.b]\n",
	"[a]\nb = {other='x'}\n[a.b.c]\n",
	"[a]\nb = {other='x', other='y'}\n",
	"[a]\nb = {c.other='x', c.one='y'}\n",
	"[a]\nb = {c = {other='x'}, c.one='y'}\n",
	"[[a]]\nid='x'\nother='y'\n[[a]]\nid='z'\nother='w'\n",
	"[[a]]\n[a.b]\nother='1'\n[[a]]\n[a.b]\nother='2'\n",
	"[[a]]\n[a.b]\nother='1'\n[a.b]\nother='2'\n",
	"[a]\n[[a]]\n",
	"[[a]]\n[a]\n",
	"a = 1\n[[a]]\n",
	"a = [{other='x'}]\n[[a]]\n",
	"a = 1\n[a]\n",
	"a = 1\n[a.b]\n",
	"a.b = 1\n[[a.b]]\n",
	"[ a . \"b.c\" ]\nother = 'nested'\n",
	"[a.\"b.c\"]\nother = 'x'\n[\"a.b\"]\nother = 'y'\n",
	"['a']\nother = 'literal'\n",
	"[a] # comment ]\nother = 'x'\n",
	"[a]\nother = '''\n[b]\n'''\n[b]\nother = 'x'\n",
	"x = 1\ny = 1.5\nz = true\nd = 1979-05-27\nt = 07:32:00\nlt = 1979-05-27T07:32:00\ndt = 1979-05-27T07:32:00-07:00\narr = [1, [2, 3], {a = 1}]\n",
	"x = 0x7FFFFFFFFFFFFFFF\n",
	"x = 0x8000000000000000\n",
	"x = 0o777777777777777777777\n",
	"x = 0b1111111111111111111111111111111111111111111111111111111111111111\n",
	"x = 9223372036854775807\n",
	"x = 9223372036854775808\n",
	"x = -9223372036854775808\n",
	"x = -9223372036854775809\n",
	"x = 1e500\n",
	"x = 1_000.5_5e1_0\n",
	"x = -inf\ny = +nan\n",
	"x = 2023-02-29\n",
	"x = 2024-02-29\n",
	"x = 2024-13-01\n",
	"x = 24:00:00\n",
	"x = 23:59\n",
	"x = 23:59:60\n",
	"x = 23:59:59.\n",
	"x = 23:59:59.1234567891234\n",
	"x = 1979-05-27T07:32:00+24:00\n",
	"x = 1979-05-27T07:32:00+01:60\n",
	"x = 1979-05-27T07:32:00+0100\n",
	"x = 1979-05-27 07:32:00Z\n",
	"x = 1979-05-27t07:32:00z\n",
	"x = 1979-05-27T07:32\n",
	"x = [1, 0x8000000000000000, {a = 1, a = 2}]\n",
	"x = {a = 0x8000000000000000, a = 2}\n",
	"x = {a = 1,\n b = 0x8000000000000000}\n",
	"x = [\n  1,\n  1e999,\n]\n",
	"x = {\n  a = 1,\n  a = 2,\n}\n",
	"[a]\nother = \"unterminated\n",
	"[a\nother = 'x'\n",
	"[[a]\n",
	"a = \n",
	"= 1\n",
	"a = 1 b = 2\n",
	"a = 'x'\r\nb = 'y'\r\n",
	"a = 'x'\rb = 'y'\n",
	"a = \"\\u00e9\\U0001F600\\t\"\n",
	"a = \"\\x\"\n",
	"a = '\xff'\n",
	"\xef\xbb\xbfa = 'bom'\n",
	"[a]\nother = 'x'\nstatus = 'done'\n",
	"[a]\nOther = 'x'\n",
	"[a]\nother = 1\n",
	"[a]\nother = 'x'\nb = 'y'\n",
	"[a.b]\nother = 'x'\n[a.c]\nother = 'y'\n[a.d.e]\none = 'z'\nother = 'w'\n",
	"translation = 'v1'\n",
	"[a]\ntranslation = 'v1'\n",
	"[a]\ntranslation = {one = 'x', other = 'y'}\n",
	"[a]\nid = 'renamed'\nother = 'x'\n",
	"[a]\nother = ''\n",
	"[a]\ndescription = 'only a description'\n",
	"[a]\nother = 'x'\nleftDelim = '<<'\nrightDelim = '>>'\n",
	"order = ['a', 'b']\n[segments.a]\nprevious = 'p'\n[segments.a.review]\nby = 'x'\non = '2026-01-01'\nsource = 's'\ntranslation = 't'\n[[segments.a.history]]\ntext = 'one'\n[[segments.a.history]]\ntext = 'two'\nvia = 'push'\n",
	"[segments.a]\nprevius = 'typo'\n",
	"[segments.a]\nPREVIOUS = 'caps'\nReview.BY = 'x'\n",
	"[segments.a]\nprevious = 1\n",
	"[segments.a.previous]\n",
	"[segments.a.previous.x]\n",
	"[segments.a]\nprevious.x = 1\n",
	"[segments]\na = 'x'\n",
	"[segments]\n",
	"segments = {}\n",
	"segments = {a = {previous = 'p', review = {by = 'x'}, history = [{text = 't'}]}}\n",
	"segments = {a = {history = {text = 't'}}}\n",
	"segments = {a = {history.text = 't'}}\n",
	"[segments.a.history]\ntext = 't'\n",
	"[segments.a]\nhistory.text = 't'\nhistory.by = 'b'\n",
	"[[segments.a.review]]\n",
	"[[segments.a]]\n",
	"[[segments]]\n",
	"[segments.a]\n[segments.a.review]\n[segments.b]\n",
	"[segments.a.review]\nby = 'x'\n[segments.a]\nprevious = 'p'\n",
	"order = 'a'\n",
	"order = ['a', 1]\n",
	"order = [['a']]\n",
	"order = []\n",
	"[order]\n",
	"[foo]\nbar = 1\n[segments.a]\nprevious = 1\n",
	"[foo.bar]\n[foo]\n",
	"index = 1\n",
	"[[entry]]\narticle = 'a'\nid = 'i'\nsource = 's'\ntranslation = 't'\n[[entry]]\narticle = 'b'\nid = 'j'\nsource = 's'\ntranslation = 'u'\n",
	"entry = [{article = 'a', id = 'i', source = 's', translation = 't'}]\n",
	"[entry]\narticle = 'a'\n",
	"[[entry]]\nfoo = 1\n",
	"[[entry]]\narticle = 1\n",
	"[[entry]]\n[entry.x]\n",
	"entry = 'x'\n",
	"entry = {article = 'a'}\n",
	"ORDER = ['a', 'b']\n[Segments.a]\nPrevious = 'p'\nreview.by = 'r'\n[[segments.a.History]]\ntext = 'one'\n[[segments.a.History]]\nTEXT = 'two'\nvia = 'push'\n",
	"[segments.a]\nprevious = '1'\n[Segments.a]\nprevious = '2'\n",
	"[Segments.x]\n[segments.a]\nprevious = '1'\n[Segments.a]\nprevious = '2'\n",
	"[[segments.a.history]]\ntext = '1'\n[[segments.a.History]]\ntext = '2'\n",
	"[segments.a]\nhistory = [{text = '1'}, {text = '2'}]\n[segments.a.History]\nvia = 'v'\n",
	"segments = {a = {previous = '1'}}\n[Segments.b]\nprevious = '2'\n",
	"[Segments.b]\nprevious = '2'\n[segments]\na = {previous = '1'}\n",
	"[[entry]]\narticle = 'a'\nArticle = 'b'\n",
	"[segments.a.conflict]\ntext = 'other'\nby = 'x'\n",
	"[segments.a]\nconflict = {text = 'other', via = 'merge'}\n",
}

func TestReadersAgreeWithGoTOML(t *testing.T) {
	for _, c := range decodeCases {
		agreeParse(t, []byte(c))
		agreeDecode(t, []byte(c), normMeta)
		agreeDecode(t, []byte(c), normMemory)
	}
}

// FuzzReadersAgreeWithGoTOML checks Parse, ParseMeta and ParseMemory
// against the readings on go-toml's decoder they replaced.
func FuzzReadersAgreeWithGoTOML(f *testing.F) {
	for _, c := range decodeCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, data string) {
		agreeParse(t, []byte(data))
		agreeDecode(t, []byte(data), normMeta)
		agreeDecode(t, []byte(data), normMemory)
	})
}

var _ = math.Inf
