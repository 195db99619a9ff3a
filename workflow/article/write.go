package article

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/internal/tomlquote"
)

// Set is a front matter key for FrontMatter to write, and its value.
type Set struct {
	// Key is the key. Keys Parse knows match the file's key in any case,
	// others exactly; in TOML a table's name matches the table.
	Key string
	// Value is a string, bool, int, []string, language.Tag,
	// toml.LocalDate, toml.LocalDateTime or time.Time; nil removes the key.
	Value any
}

// FrontMatter returns the front matter of an edition of the article, fence
// lines included, for the body to follow: in the article's format (YAML stays
// YAML, TOML stays TOML), with the keys of set written with their new
// values and every other key, known or not, as the file has it, comments
// included. A key of set the file has keeps its place and its spelling; one
// it does not have is added, in the order of set, after the last key (in
// TOML, before the first table). Line endings are "\n" and there is no byte
// order mark; for the same article and set the result is the same bytes.
//
// With no set the front matter reads back as the article's Meta. An article
// without front matter gets none, or YAML if set is not empty. A date taken
// from a Jekyll file name is not a key: give it in set if the edition's file
// name will not carry it. The result is read back before it is returned: a
// value of the wrong type for its key, or a YAML alias whose anchor was
// replaced, is an error.
func (a *Article) FrontMatter(set ...Set) ([]byte, error) {
	fm := a.fm
	if fm == nil {
		if len(set) == 0 {
			return nil, nil
		}
		fm = &frontMatter{format: YAML}
	}
	// changes are the new lines of entries; "" removes one.
	changes := map[*entry]string{}
	var added []string
	seen := map[string]bool{}
	for _, s := range set {
		id := s.Key
		if k := knownKey(s.Key); k != "" {
			id = k
		}
		if s.Key == "" || seen[id] {
			return nil, fmt.Errorf("%s: front matter key %q given twice or empty", a.Path, s.Key)
		}
		seen[id] = true
		var at *entry
		for _, e := range fm.entries {
			if !e.matches(s.Key) {
				continue
			}
			if at == nil && !e.table {
				at = e
			} else {
				changes[e] = "" // a TOML table replaced by a key
			}
		}
		if s.Value == nil {
			if at != nil {
				changes[at] = ""
			}
			continue
		}
		text, err := fm.encodeEntry(s.Key, at, s.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: front matter key %s: %w", a.Path, s.Key, err)
		}
		if at != nil {
			changes[at] = text
		} else {
			added = append(added, text)
		}
	}
	insert := fm.insertLine()
	var b bytes.Buffer
	fence := "---\n"
	if fm.format == TOML {
		fence = "+++\n"
	}
	b.WriteString(fence)
	starts := map[int]*entry{}
	for _, e := range fm.entries {
		starts[e.line] = e
	}
	add := func() {
		for _, t := range added {
			b.WriteString(t)
		}
		added = nil
	}
	for i := 1; i <= len(fm.lines); {
		if i == insert {
			add()
		}
		e := starts[i]
		if e == nil {
			b.WriteString(fm.lines[i-1])
			i++
			continue
		}
		if text, ok := changes[e]; ok {
			b.WriteString(text)
		} else {
			for _, l := range fm.lines[e.line-1 : e.last] {
				b.WriteString(l)
			}
			if !strings.HasSuffix(fm.lines[e.last-1], "\n") {
				b.WriteByte('\n')
			}
		}
		i = e.last + 1
	}
	add()
	b.WriteString(fence)
	out := b.Bytes()
	// Read it back: the edition's front matter must be as good as the
	// source's.
	back, err := split(a.Path, out)
	if err == nil {
		err = back.parse(a.Path)
	}
	if err == nil {
		err = back.decode(a.Path, &Meta{})
	}
	if err != nil {
		msg := err.Error()
		if e, ok := err.(*Error); ok {
			msg = e.Msg
		}
		return nil, fmt.Errorf("%s: the edition's front matter would not read back (%s): check the values written", a.Path, msg)
	}
	return out, nil
}

// insertLine is the line before which FrontMatter adds keys: in YAML after
// the last line (before a document end "..."), in TOML after the last key
// before the first table.
func (fm *frontMatter) insertLine() int {
	if fm.format == TOML {
		at := 1
		for _, e := range fm.entries {
			if !e.table {
				at = e.last + 1
			}
		}
		return at
	}
	from := 1
	if n := len(fm.entries); n > 0 {
		from = fm.entries[n-1].last + 1
	}
	for i := from; i <= len(fm.lines); i++ {
		if strings.TrimRight(fm.lines[i-1], " \t\n") == "..." {
			return i
		}
	}
	return len(fm.lines) + 1
}

// encodeEntry writes key and v as a line (or lines) of the format; at is the
// entry it replaces, whose key keeps its spelling.
func (fm *frontMatter) encodeEntry(key string, at *entry, v any) (string, error) {
	switch v := v.(type) {
	case language.Tag:
		return fm.encodeEntry(key, at, v.String())
	case string:
		if !utf8.ValidString(v) {
			return "", fmt.Errorf("invalid UTF-8 in %q", v)
		}
	case []string:
		for _, s := range v {
			if !utf8.ValidString(s) {
				return "", fmt.Errorf("invalid UTF-8 in %q", s)
			}
		}
	case bool, int, toml.LocalDate, toml.LocalDateTime, time.Time:
	default:
		return "", fmt.Errorf("a value of type %T cannot be written: use a string, bool, int, []string, language.Tag, toml.LocalDate, toml.LocalDateTime or time.Time", v)
	}
	if fm.format == TOML {
		k := tomlquote.Key(key)
		c := ""
		if at != nil {
			k, c = at.tkey, at.comment
		}
		return k + " = " + tomlText(v) + c + "\n", nil
	}
	var kn, vn yaml.Node
	if at != nil && at.ykey != nil {
		kn = *at.ykey
		kn.HeadComment, kn.LineComment, kn.FootComment = "", "", ""
		kn.Line, kn.Column = 0, 0
	} else if err := kn.Encode(key); err != nil {
		return "", err
	}
	switch v := v.(type) {
	case toml.LocalDate, toml.LocalDateTime:
		vn = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: fmt.Sprint(v)}
	case time.Time:
		vn = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: v.Format(time.RFC3339Nano)}
	default:
		if err := vn.Encode(v); err != nil {
			return "", err
		}
		if vn.Kind == yaml.SequenceNode {
			vn.Style = yaml.FlowStyle
		}
	}
	if at != nil && at.yval != nil && (at.yval.Kind == yaml.ScalarNode || at.yval.Style&yaml.FlowStyle != 0) {
		vn.LineComment = at.yval.LineComment // title: … # checked by the desk
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{&kn, &vn}}); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	// Keys indented in the file are indented alike.
	if len(fm.entries) > 0 {
		first := fm.lines[fm.entries[0].line-1]
		indent := first[:len(first)-len(strings.TrimLeft(first, " "))]
		lines := strings.SplitAfter(b.String(), "\n")
		for i, l := range lines {
			if strings.TrimSpace(l) != "" {
				lines[i] = indent + l
			}
		}
		return strings.Join(lines, ""), nil
	}
	return b.String(), nil
}

// tomlText writes a value of a type encodeEntry accepts.
func tomlText(v any) string {
	switch v := v.(type) {
	case string:
		return tomlquote.String(v)
	case []string:
		parts := make([]string, len(v))
		for i, s := range v {
			parts[i] = tomlquote.String(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v) // toml.LocalDate, toml.LocalDateTime
}
