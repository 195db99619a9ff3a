package glossary

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"golang.org/x/text/language"
)

// FileName is the name of the glossary file at the root of a workspace.
const FileName = "glossary.toml"

// Glossary is a parsed glossary file.
type Glossary struct {
	// File names the file in messages.
	File  string
	Terms []*Term
}

// Term is one entry of the glossary: a concept and how each language
// writes it.
type Term struct {
	// ID names the term in messages; empty when the file gives none.
	ID   string
	Note string
	// Line is the line of the term's [[term]] header.
	Line int
	// Langs are the term's languages, by tag.
	Langs map[language.Tag]*Entry
}

// Entry is how one language writes a term.
type Entry struct {
	Lang language.Tag
	// Form is the required form; empty for a do-not-translate entry that
	// gives none.
	Form string
	// Also are further accepted forms.
	Also []string
	// Forbidden are variants that must not be used.
	Forbidden []string
	// DoNotTranslate says the term stays as the source writes it.
	DoNotTranslate bool
	Note           string
	// Line is the line where the language's table starts.
	Line int

	accepted  []*form
	forbidden []*form
	// acceptedCased are the accepted forms matched as written, against
	// which a forbidden variant in another case is told apart.
	acceptedCased []*form
}

// Accepted returns the entry's accepted forms: Form, then Also.
func (e *Entry) Accepted() []string {
	var out []string
	if e.Form != "" {
		out = append(out, e.Form)
	}
	return append(out, e.Also...)
}

// Name returns how messages name the term: its ID, else its English form,
// else its first form in tag order.
func (t *Term) Name() string {
	if t.ID != "" {
		return t.ID
	}
	if e := t.Langs[language.English]; e != nil && e.Form != "" {
		return e.Form
	}
	for _, tag := range t.tags() {
		if f := t.Langs[tag].Form; f != "" {
			return f
		}
	}
	return fmt.Sprintf("line %d", t.Line)
}

// tags returns the term's languages, sorted.
func (t *Term) tags() []language.Tag {
	var out []language.Tag
	for tag := range t.Langs {
		out = append(out, tag)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// Entry returns the term's entry for a language: the entry of the tag
// itself, else of its base language (kk for kk-KZ), else nil.
func (t *Term) Entry(tag language.Tag) *Entry {
	if e := t.Langs[tag]; e != nil {
		return e
	}
	base, _ := tag.Base()
	if e := t.Langs[language.Make(base.String())]; e != nil {
		return e
	}
	return nil
}

// Error is an error in a glossary file, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Parse reads a glossary file; name names it in errors. Every error is an
// *Error with the line it is about.
func Parse(name string, data []byte) (*Glossary, error) {
	var doc struct {
		Term []map[string]any `toml:"term"`
	}
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		var sme *toml.StrictMissingError
		if errors.As(err, &sme) && len(sme.Errors) > 0 {
			row, _ := sme.Errors[0].Position()
			return nil, &Error{name, row, fmt.Sprintf("unknown key %q: a glossary holds only [[term]] tables", strings.Join(sme.Errors[0].Key(), "."))}
		}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, &Error{name, row, de.Error()}
		}
		return nil, &Error{name, 0, err.Error()}
	}
	lines := indexLines(data)
	g := &Glossary{File: name}
	for i, raw := range doc.Term {
		li := termLines{}
		if i < len(lines) {
			li = lines[i]
		}
		t, err := parseTerm(name, raw, li)
		if err != nil {
			return nil, err
		}
		g.Terms = append(g.Terms, t)
	}
	return g, nil
}

// termLines are the lines of one [[term]]: its header and its keys.
type termLines struct {
	header int
	keys   map[string]int
}

// of returns the line of a key (dotted: ru.forbidden), else of the
// nearest table that holds it, else of the header.
func (l termLines) of(key string) int {
	for key != "" {
		if n, ok := l.keys[key]; ok {
			return n
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return l.header
}

// indexLines finds the line of every [[term]] header and of the keys and
// language tables in each, with go-toml's streaming parser.
func indexLines(data []byte) []termLines {
	var out []termLines
	var p unstable.Parser
	p.Reset(data)
	lineOf := func(n *unstable.Node) int {
		off := int(n.Raw.Offset)
		if off > len(data) {
			off = len(data)
		}
		return 1 + bytes.Count(data[:off], []byte{'\n'})
	}
	keyOf := func(e *unstable.Node) ([]string, int) {
		var parts []string
		line := 0
		it := e.Key()
		for it.Next() {
			k := it.Node()
			if line == 0 {
				line = lineOf(k)
			}
			parts = append(parts, string(k.Data))
		}
		return parts, line
	}
	inTerm := false
	var table []string // the current [table] below [[term]]
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.ArrayTable:
			parts, line := keyOf(e)
			inTerm = len(parts) == 1 && parts[0] == "term"
			table = nil
			if inTerm {
				out = append(out, termLines{header: line, keys: map[string]int{}})
			}
		case unstable.Table:
			parts, line := keyOf(e)
			table = nil
			if inTerm && len(parts) >= 2 && parts[0] == "term" {
				table = parts[1:]
				if _, ok := out[len(out)-1].keys[parts[1]]; !ok {
					out[len(out)-1].keys[parts[1]] = line
				}
			} else {
				inTerm = false
			}
		case unstable.KeyValue:
			if !inTerm {
				continue
			}
			parts, line := keyOf(e)
			full := append(append([]string(nil), table...), parts...)
			keys := out[len(out)-1].keys
			for i := 1; i <= len(full); i++ {
				k := strings.Join(full[:i], ".")
				if _, ok := keys[k]; !ok {
					keys[k] = line
				}
			}
		}
	}
	return out
}

// termKeys are the keys of a term that are not language tables.
var termKeys = map[string]bool{"id": true, "note": true, "do_not_translate": true}

func parseTerm(file string, raw map[string]any, li termLines) (*Term, error) {
	t := &Term{Line: li.header, Langs: map[language.Tag]*Entry{}}
	fail := func(key, format string, args ...any) error {
		return &Error{file, li.of(key), fmt.Sprintf(format, args...)}
	}
	dnt := false
	for _, k := range []string{"id", "note"} {
		if v, ok := raw[k]; ok {
			s, ok := v.(string)
			if !ok {
				return nil, fail(k, "%s must be a string", k)
			}
			if k == "id" {
				t.ID = s
			} else {
				t.Note = s
			}
		}
	}
	if v, ok := raw["do_not_translate"]; ok {
		b, ok := v.(bool)
		if !ok {
			return nil, fail("do_not_translate", "do_not_translate must be true or false")
		}
		dnt = b
	}
	var keys []string
	for k := range raw {
		if !termKeys[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		tag, err := language.Parse(k)
		if err != nil || tag == language.Und {
			return nil, fail(k, "%q is neither a language tag nor a key of a term (id, note, do_not_translate): name languages by BCP 47 tags such as en, ru, kk, tr", k)
		}
		if _, dup := t.Langs[tag]; dup {
			return nil, fail(k, "language %s is given twice", tag)
		}
		e := &Entry{Lang: tag, Line: li.of(k), DoNotTranslate: dnt}
		switch v := raw[k].(type) {
		case string:
			e.Form = v
		case map[string]any:
			if err := parseEntry(e, v, func(key, format string, args ...any) error {
				return fail(k+"."+key, format, args...)
			}); err != nil {
				return nil, err
			}
		default:
			return nil, fail(k, "%s must be a table (form, also, forbidden, do_not_translate, note) or a string (the form)", k)
		}
		t.Langs[tag] = e
	}
	if len(t.Langs) == 0 {
		return nil, fail("", "the term has no languages: add a table per language, e.g. [term.ru] with form = \"…\"")
	}
	hasForm := false
	for _, e := range t.Langs {
		if e.Form != "" || e.DoNotTranslate {
			hasForm = true
		}
	}
	if !hasForm {
		return nil, fail("", "the term %s has no form in any language: give form = \"…\" in at least one", t.Name())
	}
	if err := t.compile(func(key, format string, args ...any) error { return fail(key, format, args...) }); err != nil {
		return nil, err
	}
	return t, nil
}

// parseEntry reads a language's table.
func parseEntry(e *Entry, v map[string]any, fail func(key, format string, args ...any) error) error {
	for k, x := range v {
		switch k {
		case "form", "note":
			s, ok := x.(string)
			if !ok {
				return fail(k, "%s must be a string", k)
			}
			if k == "form" {
				e.Form = strings.TrimSpace(s)
			} else {
				e.Note = s
			}
		case "also", "forbidden":
			list, ok := x.([]any)
			if !ok {
				return fail(k, "%s must be a list of strings, e.g. %s = [\"…\"]", k, k)
			}
			var ss []string
			for _, y := range list {
				s, ok := y.(string)
				if !ok {
					return fail(k, "%s must be a list of strings", k)
				}
				if s = strings.TrimSpace(s); s == "" {
					return fail(k, "%s has an empty string", k)
				}
				ss = append(ss, s)
			}
			if k == "also" {
				e.Also = ss
			} else {
				e.Forbidden = ss
			}
		case "do_not_translate":
			b, ok := x.(bool)
			if !ok {
				return fail(k, "do_not_translate must be true or false")
			}
			e.DoNotTranslate = b
		default:
			return fail(k, "unknown key %q in a language table: use form, also, forbidden, do_not_translate, note", k)
		}
	}
	return nil
}

// compile prepares the term's forms for matching.
func (t *Term) compile(fail func(key, format string, args ...any) error) error {
	for _, tag := range t.tags() {
		e := t.Langs[tag]
		key := tag.String()
		for _, s := range e.Accepted() {
			f := compile(s, tag, false)
			if f == nil {
				return fail(key, "the form %q has no letters or digits", s)
			}
			e.accepted = append(e.accepted, f)
			e.acceptedCased = append(e.acceptedCased, compile(s, tag, true))
		}
		for _, s := range e.Forbidden {
			cs := false
			for _, a := range e.Accepted() {
				if a == s {
					return fail(key+".forbidden", "%q is both accepted and forbidden", s)
				}
				// A variant in another case only (кремль for Кремль)
				// is told apart by case.
				if strings.Contains(fold(a, tag), fold(s, tag)) && !strings.Contains(a, s) {
					cs = true
				}
			}
			f := compile(s, tag, cs)
			if f == nil {
				return fail(key+".forbidden", "the forbidden variant %q has no letters or digits", s)
			}
			e.forbidden = append(e.forbidden, f)
		}
	}
	return nil
}
