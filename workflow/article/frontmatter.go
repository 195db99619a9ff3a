package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
)

const bom = "\xef\xbb\xbf"

func hasBOM(data []byte) bool { return bytes.HasPrefix(data, []byte(bom)) }

// frontMatter is the front matter of a file: its text and its top-level keys.
type frontMatter struct {
	format Format
	// text is the front matter between the fence lines, CRLF made LF; its
	// line 1 is line 2 of the file.
	text []byte
	// lines are the lines of text, each ending in "\n"; starts are their
	// offsets in text.
	lines  []string
	starts []int
	// bodyStart is where the body starts in the file.
	bodyStart int
	// entries are the top-level keys in the order of the file.
	entries []*entry
}

// entry is a top-level key of the front matter and the lines it spans.
type entry struct {
	// key is the key: a YAML key, a TOML dotted key or table name.
	key string
	// known is the name Parse knows the key by ("translationKey"), or "".
	known string
	// line and last are the first and last lines of the entry in the front
	// matter text; lines after the value that hold only comments or
	// nothing are not part of it.
	line, last int
	// table is a TOML [table] or [[array table]] with its keys.
	table bool
	// ykey is the YAML key node; tkey is the TOML key as written. A value
	// FrontMatter replaces is written with them, so the key keeps its
	// spelling.
	ykey, yval *yaml.Node
	tkey       string
	// comment is a comment after a TOML value, on its last line.
	comment string
	// val is the value of a known key.
	val value
}

// matches reports whether key names the entry: a known key in any case, any
// other key exactly.
func (e *entry) matches(key string) bool {
	if e.known != "" {
		return strings.EqualFold(key, e.known)
	}
	return key == e.key
}

// knownKey returns the name Parse knows key by, or "" for a key it does not
// know.
func knownKey(key string) string {
	for _, k := range [...]string{"title", "lang", "date", "lastmod", "draft", "tags", "categories", "slug", "translationKey", "aliases", "author", "authors", "weight", "description", "summary", "source"} {
		if strings.EqualFold(key, k) {
			return k
		}
	}
	return ""
}

// fileLine is the file line of a line of the front matter text.
func (fm *frontMatter) fileLine(l int) int { return l + 1 }

// lineAt is the line of the front matter text that holds offset.
func (fm *frontMatter) lineAt(off int) int {
	return sort.Search(len(fm.starts), func(i int) bool { return fm.starts[i] > off })
}

// FormatOf returns the format of the front matter that data starts with,
// after an optional byte order mark: YAML for a line "---", TOML for a line
// "+++", "" for none. Whether the front matter is closed and valid is for
// Parse to say.
func FormatOf(data []byte) Format {
	f, _ := opening(data)
	return f
}

// opening returns the format of the front matter and the offset of its
// first line.
func opening(data []byte) (Format, int) {
	rest := bytes.TrimPrefix(data, []byte(bom))
	first, _, _ := bytes.Cut(rest, []byte("\n"))
	start := len(data) - len(rest) + len(first) + 1
	switch string(bytes.TrimRight(first, " \t\r")) {
	case "---":
		return YAML, start
	case "+++":
		return TOML, start
	}
	return "", 0
}

// split finds the front matter of a file: nil if the file has none.
func split(p string, data []byte) (*frontMatter, error) {
	format, start := opening(data)
	if format == "" {
		return nil, nil
	}
	fm := frontMatter{format: format}
	fence := "---"
	if format == TOML {
		fence = "+++"
	}
	for off := start; off < len(data); {
		l, _, found := bytes.Cut(data[off:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == fence {
			fm.bodyStart = off + len(l)
			if found {
				fm.bodyStart++
			}
			fm.setText(bytes.ReplaceAll(data[start:off], []byte("\r\n"), []byte("\n")))
			return &fm, fm.check(p)
		}
		off += len(l) + 1
	}
	return nil, &Error{Path: p, Line: 1, Msg: fmt.Sprintf("front matter is never closed: add a line %q after it", fence)}
}

// setText sets the text and its lines.
func (fm *frontMatter) setText(text []byte) {
	fm.text, fm.lines, fm.starts = text, nil, nil
	for off := 0; off < len(text); {
		n := bytes.IndexByte(text[off:], '\n') + 1
		if n == 0 {
			n = len(text) - off
		}
		fm.starts = append(fm.starts, off)
		fm.lines = append(fm.lines, string(text[off:off+n]))
		off += n
	}
}

// check refuses what would make the lines of the front matter differ from
// the lines of its parser: invalid UTF-8, and in YAML the line breaks YAML
// counts and editors do not.
func (fm *frontMatter) check(p string) error {
	for i, l := range fm.lines {
		if !utf8.ValidString(l) {
			return &Error{Path: p, Line: fm.fileLine(i + 1), Msg: "invalid UTF-8 in the front matter: save the file as UTF-8"}
		}
		if fm.format != YAML {
			continue
		}
		for _, r := range strings.TrimSuffix(l, "\n") {
			switch {
			case r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029':
				return &Error{Path: p, Line: fm.fileLine(i + 1), Msg: fmt.Sprintf("%U is a line break in YAML but not in the file's lines: remove it, or write it as an escape in double quotes", r)}
			case r < ' ' && r != '\t' || r >= 0x7f && r <= 0x9f || r == '\ufeff' || r == '\ufffe' || r == '\uffff':
				return &Error{Path: p, Line: fm.fileLine(i + 1), Msg: fmt.Sprintf("YAML does not allow the character %U: remove it, or write it as an escape in double quotes", r)}
			}
		}
	}
	return nil
}

// parse finds the front matter's keys.
func (fm *frontMatter) parse(p string) error {
	if fm.format == TOML {
		return fm.parseTOML(p)
	}
	return fm.parseYAML(p)
}

// isGap reports whether a line after a value may be left out of its entry:
// nothing, a comment that starts the line, a YAML document end.
func (fm *frontMatter) isGap(l string) bool {
	l = strings.TrimRight(l, " \t\n")
	if fm.format == YAML {
		return l == "" || l[0] == '#' || l == "..."
	}
	l = strings.TrimLeft(l, " \t")
	return l == "" || l[0] == '#'
}

// endEntries sets the last line of entries that run until the next one.
func (fm *frontMatter) endEntries(es []*entry, next func(i int) int) {
	for i, e := range es {
		e.last = next(i) - 1
		for e.last > e.line && fm.isGap(fm.lines[e.last-1]) {
			e.last--
		}
	}
}

// dupCheck refuses a known key given twice in different cases.
func (fm *frontMatter) dupCheck(p string) error {
	seen := map[string]int{}
	for _, e := range fm.entries {
		id := e.known
		if id == "" {
			if fm.format == TOML {
				continue // go-toml refused exact duplicates
			}
			id = "\x00" + e.key
		}
		if l, ok := seen[id]; ok {
			return &Error{Path: p, Line: fm.fileLine(e.line), Msg: fmt.Sprintf("%s is given twice (lines %d and %d): keep one", e.key, fm.fileLine(l), fm.fileLine(e.line))}
		}
		seen[id] = e.line
	}
	return nil
}

var yamlErrLine = regexp.MustCompile(`^yaml: (?:line ([0-9]+): )?`)

// yamlParserProblems are the errors of the YAML parser (not its scanner),
// which count lines from 0 and leave out line 0: where the construct that
// failed began.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected <document start>",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected node content",
	"did not find expected <stream-start>",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
	"found duplicate %TAG directive",
}

// yamlError is a YAML error with the line of the file it names.
func (fm *frontMatter) yamlError(p string, err error) error {
	msg := err.Error()
	m := yamlErrLine.FindStringSubmatch(msg)
	if m == nil {
		return &Error{Path: p, Line: 1, Msg: "invalid front matter: " + msg}
	}
	msg = msg[len(m[0]):]
	parser := slices.Contains(yamlParserProblems, msg)
	line := 0 // the fence: the front matter as a whole
	if n, err := strconv.Atoi(m[1]); err == nil {
		line = n
		if parser {
			line++
		}
	} else if parser {
		line = 1
	}
	if line < 1 || len(fm.lines) == 0 {
		return &Error{Path: p, Line: 1, Msg: "invalid front matter: " + msg}
	}
	line = min(line, len(fm.lines)) // an error at the end of the text
	return &Error{Path: p, Line: fm.fileLine(line), Msg: "invalid front matter: " + msg}
}

func (fm *frontMatter) parseYAML(p string) error {
	dec := yaml.NewDecoder(bytes.NewReader(fm.text))
	var doc yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return nil
	} else if err != nil {
		return fm.yamlError(p, err)
	}
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		if err != nil {
			return fm.yamlError(p, err)
		}
		return &Error{Path: p, Line: fm.fileLine(max(more.Line, 1)), Msg: `the front matter goes on after a line "...": end it with "---" instead`}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return nil
	}
	line := fm.fileLine(max(root.Line, 1))
	if root.Kind != yaml.MappingNode {
		return &Error{Path: p, Line: line, Msg: "the front matter is not keys and values: write one key: value a line"}
	}
	if root.Style&yaml.FlowStyle != 0 {
		return &Error{Path: p, Line: line, Msg: "front matter in braces ({…}) is not read: write one key: value a line"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		e := &entry{line: k.Line, ykey: k, yval: v}
		if k.Line < 1 || k.Line > len(fm.lines) {
			return &Error{Path: p, Line: 1, Msg: "a key of the front matter has no line of its own: write one key: value a line"}
		}
		if n := len(fm.entries); n > 0 && fm.entries[n-1].line >= e.line {
			return &Error{Path: p, Line: fm.fileLine(e.line), Msg: "two keys on one line: write one key: value a line"}
		}
		if k.Kind == yaml.ScalarNode {
			e.key = k.Value
			e.known = knownKey(k.Value)
		} else {
			e.key = strings.TrimSpace(fm.lines[k.Line-1])
		}
		if e.known != "" {
			e.val = yamlValue(v)
		}
		fm.entries = append(fm.entries, e)
	}
	fm.endEntries(fm.entries, func(i int) int {
		if i+1 < len(fm.entries) {
			return fm.entries[i+1].line
		}
		return len(fm.lines) + 1
	})
	return fm.dupCheck(p)
}

// yamlValue is a YAML value as decoding sees it.
func yamlValue(n *yaml.Node) value {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil {
		return value{}
	}
	switch n.Kind {
	case yaml.ScalarNode:
		tag := n.ShortTag()
		if tag == "!!null" {
			return value{}
		}
		quoted := yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle
		return value{kind: scalar, text: n.Value, tag: tag, plain: n.Style&quoted == 0}
	case yaml.SequenceNode:
		v := value{kind: list}
		for _, c := range n.Content {
			if c.Kind == yaml.AliasNode && c.Alias != nil {
				c = c.Alias
			}
			switch c.Kind {
			case yaml.SequenceNode:
				// Not followed: a list of aliased lists could be
				// exponentially long.
				v.items = append(v.items, value{kind: list})
			case yaml.MappingNode:
				v.items = append(v.items, value{kind: mapping})
			default:
				v.items = append(v.items, yamlValue(c))
			}
		}
		return v
	case yaml.MappingNode:
		return value{kind: mapping}
	}
	return value{}
}

func (fm *frontMatter) tomlError(p string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return &Error{Path: p, Line: fm.fileLine(max(row, 1)), Msg: "invalid front matter: " + de.Error()}
	}
	var pe *unstable.ParserError
	if errors.As(err, &pe) {
		off := cap(fm.text) - cap(pe.Highlight)
		line := 1
		if off >= 0 && off <= len(fm.text) {
			line = fm.fileLine(max(fm.lineAt(off), 1))
		}
		return &Error{Path: p, Line: line, Msg: "invalid front matter: " + pe.Error()}
	}
	return &Error{Path: p, Line: 1, Msg: "invalid front matter: " + err.Error()}
}

func (fm *frontMatter) parseTOML(p string) error {
	var m map[string]any
	if err := toml.Unmarshal(fm.text, &m); err != nil {
		return fm.tomlError(p, err)
	}
	var tp unstable.Parser
	tp.Reset(fm.text)
	var tables []*entry
	for tp.NextExpression() {
		x := tp.Expression()
		if x.Kind != unstable.KeyValue && x.Kind != unstable.Table && x.Kind != unstable.ArrayTable {
			continue
		}
		if x.Kind == unstable.KeyValue && len(tables) > 0 {
			continue // a key of the table before
		}
		var parts []string
		first, end := -1, 0
		for it := x.Key(); it.Next(); {
			k := it.Node()
			parts = append(parts, string(k.Data))
			if first < 0 {
				first = int(k.Raw.Offset)
			}
			end = int(k.Raw.Offset + k.Raw.Length)
		}
		if first < 0 || end > len(fm.text) {
			return &Error{Path: p, Line: 1, Msg: "invalid front matter: a key without a name"}
		}
		e := &entry{key: strings.Join(parts, "."), line: fm.lineAt(first), tkey: string(fm.text[first:end])}
		if x.Kind == unstable.KeyValue {
			end := int(x.Raw.Offset + x.Raw.Length)
			e.last = fm.lineAt(end - 1)
			rest := strings.TrimRight(fm.lines[e.last-1][end-fm.starts[e.last-1]:], "\n")
			if strings.HasPrefix(strings.TrimLeft(rest, " \t"), "#") {
				e.comment = rest
			}
			if len(parts) == 1 {
				if e.known = knownKey(parts[0]); e.known != "" {
					e.val = tomlValue(m[parts[0]])
				}
			}
		} else {
			e.table = true
			tables = append(tables, e)
		}
		fm.entries = append(fm.entries, e)
	}
	if err := tp.Error(); err != nil {
		return fm.tomlError(p, err)
	}
	fm.endEntries(tables, func(i int) int {
		if i+1 < len(tables) {
			return tables[i+1].line
		}
		return len(fm.lines) + 1
	})
	return fm.dupCheck(p)
}

// tomlValue is a decoded TOML value as decoding sees it.
func tomlValue(v any) value {
	switch v := v.(type) {
	case string:
		return value{kind: scalar, text: v, tag: "!!str"}
	case bool:
		return value{kind: scalar, text: strconv.FormatBool(v), tag: "!!bool"}
	case int64:
		return value{kind: scalar, text: strconv.FormatInt(v, 10), tag: "!!int"}
	case float64:
		return value{kind: scalar, text: strconv.FormatFloat(v, 'g', -1, 64), tag: "!!float"}
	case toml.LocalDate, toml.LocalDateTime:
		return value{kind: scalar, text: fmt.Sprint(v), tag: "!!timestamp"}
	case time.Time:
		return value{kind: scalar, text: v.Format(time.RFC3339Nano), tag: "!!timestamp"}
	case toml.LocalTime:
		return value{kind: scalar, text: v.String(), tag: "!!time"}
	case []any:
		l := value{kind: list}
		for _, x := range v {
			l.items = append(l.items, tomlValue(x))
		}
		return l
	case map[string]any:
		return value{kind: mapping}
	}
	return value{}
}
