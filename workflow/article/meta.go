package article

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// kind is the shape of a front matter value.
type kind int

const (
	null kind = iota
	scalar
	list
	mapping
)

func (k kind) String() string {
	switch k {
	case list:
		return "a list"
	case mapping:
		return "a table of keys"
	}
	return "nothing"
}

// value is a front matter value of a known key, in either format.
type value struct {
	kind kind
	// text is a scalar as written (quotes and escapes resolved); tag is its
	// YAML type (!!str, !!int, !!bool, !!timestamp…), the same for TOML.
	text, tag string
	// plain is a YAML scalar without quotes.
	plain bool
	items []value
}

// decode sets the known keys of m and its Extra.
func (fm *frontMatter) decode(p string, m *Meta) error {
	for _, e := range fm.entries {
		if e.known == "" {
			var raw strings.Builder
			for _, l := range fm.lines[e.line-1 : e.last] {
				raw.WriteString(l)
			}
			if s := raw.String(); !strings.HasSuffix(s, "\n") {
				raw.WriteByte('\n')
			}
			m.Extra = append(m.Extra, Field{Key: e.key, Raw: raw.String(), Line: fm.fileLine(e.line)})
			continue
		}
		d := decoder{format: fm.format, key: e.key, val: e.val}
		var err error
		switch e.known {
		case "title":
			m.Title, err = d.text()
		case "lang":
			m.Lang, err = d.text()
		case "slug":
			m.Slug, err = d.text()
		case "translationKey":
			m.TranslationKey, err = d.text()
		case "author":
			m.Author, err = d.text()
		case "description":
			m.Description, err = d.text()
		case "summary":
			m.Summary, err = d.text()
		case "source":
			m.Source, err = d.text()
		case "date":
			m.Date, m.DateTime, err = d.date()
		case "lastmod":
			m.Lastmod, m.LastmodTime, err = d.date()
		case "draft":
			m.Draft, err = d.bool()
		case "weight":
			m.Weight, err = d.int()
		case "tags":
			m.Tags, err = d.list()
		case "categories":
			m.Categories, err = d.list()
		case "aliases":
			m.Aliases, err = d.list()
		case "authors":
			m.Authors, err = d.list()
		}
		if err != nil {
			return &Error{Path: p, Line: fm.fileLine(e.line), Msg: err.Error()}
		}
	}
	return nil
}

// decoder reads the value of one known key.
type decoder struct {
	format Format
	key    string
	val    value
}

// fail is the error for a value of the wrong type: what it is, what it is
// not, and how to write it.
func (d decoder) fail(is, isNot, example string) error {
	return fmt.Errorf("%s: %s is not %s: write %s", d.key, is, isNot, hint(d.format, d.key, example))
}

// shown is the value as an error shows it.
func (d decoder) shown() string {
	if d.val.kind != scalar {
		return d.val.kind.String()
	}
	if d.val.tag == "!!str" && !d.val.plain || strings.TrimSpace(d.val.text) != d.val.text || d.val.text == "" {
		return strconv.Quote(d.val.text)
	}
	return d.val.text
}

func (d decoder) text() (string, error) {
	switch d.val.kind {
	case null:
		return "", nil
	case scalar:
		return d.val.text, nil
	}
	return "", d.fail(d.shown(), "text", `"…"`)
}

func (d decoder) list() ([]string, error) {
	example := `["a", "b"]`
	if d.format == YAML {
		example = "[a, b]"
	}
	switch d.val.kind {
	case null:
		return nil, nil
	case scalar:
		return strings.Fields(d.val.text), nil
	case mapping:
		return nil, d.fail(d.shown(), "a list", example)
	}
	var out []string
	for i, it := range d.val.items {
		if it.kind != scalar {
			return nil, fmt.Errorf("%s: item %d is %s, not text: write %s", d.key, i+1, it.kind, hint(d.format, d.key, example))
		}
		out = append(out, it.text)
	}
	return out, nil
}

func (d decoder) bool() (bool, error) {
	if d.val.kind == scalar {
		s := d.val.text
		switch {
		case d.val.tag == "!!bool":
			return strings.EqualFold(s, "true"), nil
		case d.val.tag != "!!str":
		case d.val.plain && (strings.EqualFold(s, "yes") || strings.EqualFold(s, "on")):
			return true, nil // YAML 1.1, as Jekyll reads it
		case d.val.plain && (strings.EqualFold(s, "no") || strings.EqualFold(s, "off")):
			return false, nil
		default:
			if b, err := strconv.ParseBool(s); err == nil {
				return b, nil
			}
		}
	}
	return false, d.fail(d.shown(), "true or false", "true")
}

func (d decoder) int() (int, error) {
	if d.val.kind == scalar {
		s := d.val.text
		var n int64
		var err error
		switch d.val.tag {
		case "!!int":
			n, err = strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 0, 0)
		case "!!str":
			n, err = strconv.ParseInt(strings.TrimSpace(s), 10, 0)
		default:
			err = strconv.ErrSyntax
		}
		if err == nil {
			return int(n), nil
		}
	}
	return 0, d.fail(d.shown(), "a whole number", "10")
}

func (d decoder) date() (*toml.LocalDate, time.Time, error) {
	if d.val.kind == null {
		return nil, time.Time{}, nil
	}
	if d.val.kind == scalar && (d.val.tag == "!!str" || d.val.tag == "!!timestamp") {
		if day, t, ok := parseDate(d.val.text); ok {
			return &day, t, nil
		}
	}
	return nil, time.Time{}, fmt.Errorf("%s: %s is not a date: write 2024-03-15 or 2024-03-15T10:00:00Z", d.key, d.shown())
}

// dateLayouts are the forms of a date: a day, a local date-time, a date-time
// with an offset (RFC 3339, and Jekyll's 2024-05-01 10:00:00 +0300).
// Fractional seconds may follow the seconds.
var dateLayouts = []struct {
	layout string
	zoned  bool
}{
	{"2006-01-02", false},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02T15:04:05Z07:00", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02 15:04:05 Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04 -0700", true},
	{"2006-01-02T15:04:05-0700", true},
}

// parseDate reads a date: its day as written, and the time it names
// (midnight UTC for a day alone, UTC for a local date-time).
func parseDate(s string) (toml.LocalDate, time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[10] == 't' {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	for _, l := range dateLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if !l.zoned {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		} else if _, off := t.Zone(); off == 0 {
			t = t.In(time.UTC)
		} else {
			// A fixed zone, never time.Local: the same file reads the
			// same on every machine.
			t = t.In(time.FixedZone("", off))
		}
		return toml.LocalDate{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, t, true
	}
	return toml.LocalDate{}, time.Time{}, false
}
