package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// This file reads TOML documents with go-toml's streaming parser into a tree
// of nodes, one expression at a time, in time linear in the size of the
// document. go-toml's own decoder checks every table against every table
// seen before, which is quadratic in the number of tables; here each table
// finds its keys in a map. The tree keeps what TOML's rules about defining a
// key twice depend on (how a table was made) and the line each key came
// from, for the errors. The rules and the error messages are go-toml's, so
// that a document reads the same way as with toml.Unmarshal.

// node is one value of a TOML document.
type node struct {
	// kind is the kind of value: a scalar kind, unstable.Array,
	// unstable.InlineTable, unstable.Table or unstable.ArrayTable.
	kind unstable.Kind
	// dotted marks a table made by a dotted key (a.b = 1 makes table a);
	// explicit marks a table defined by its own [header].
	dotted, explicit bool
	// line is the line of the expression that made the node; hline the
	// line of the [header] that defined a table, or 0.
	line, hline int32
	// str is the value of a string; value that of another scalar, as
	// toml.Unmarshal gives it. err says why there is none, when a reader
	// of the tree is to say it only if it uses the value.
	str   string
	value any
	err   *docError
	// keys holds the keys of a table or inline table.
	keys keyTable
	// elems holds the values of an array or the tables of an array of
	// tables, the current one last.
	elems []*node
}

// keyTable holds the keys of a table in the order they were defined. Small
// tables (a message has a few keys) are searched in order; larger ones
// through an index.
type keyTable struct {
	keys  []key
	index map[string]*node
}

type key struct {
	name string
	node *node
}

// indexFrom is the size from which a keyTable keeps an index.
const indexFrom = 8

func (t *keyTable) get(name []byte) *node {
	if t.index != nil {
		return t.index[string(name)] // does not allocate
	}
	for _, k := range t.keys {
		if k.name == string(name) {
			return k.node
		}
	}
	return nil
}

func (t *keyTable) put(name string, n *node) {
	if t.keys == nil {
		t.keys = make([]key, 0, 4)
	}
	t.keys = append(t.keys, key{name, n})
	switch {
	case t.index != nil:
		t.index[name] = n
	case len(t.keys) > indexFrom:
		t.index = make(map[string]*node, 2*len(t.keys))
		for _, k := range t.keys {
			t.index[k.name] = k.node
		}
	}
}

// list returns the keys in the order they were defined.
func (t *keyTable) list() []key { return t.keys }

func (t *keyTable) len() int { return len(t.keys) }

// table returns the table that keys under n go to: n itself, or the
// current table of an array of tables.
func (n *node) table() *node {
	if n.kind == unstable.ArrayTable {
		return n.elems[len(n.elems)-1]
	}
	return n
}

func (n *node) child(name []byte) *node { return n.table().keys.get(name) }

func (n *node) put(name []byte, c *node) { n.table().keys.put(string(name), c) }

// isDotted reports whether n is a table made by dotted keys.
func (n *node) isDotted() bool { return n.kind == unstable.Table && n.dotted }

// isValue reports whether n is a value no later expression may add to: a
// scalar, an array or an inline table.
func (n *node) isValue() bool { return n.kind != unstable.Table && n.kind != unstable.ArrayTable }

// what names the kind of definition of n in go-toml's words.
func (n *node) what() string {
	switch {
	case n.isDotted():
		return "kv-table"
	case n.kind == unstable.Table:
		return "table"
	case n.kind == unstable.ArrayTable:
		return "array-table"
	}
	return "value"
}

// docError is an error at a line of a document: invalid TOML, or, in a
// valid document, a value that does not fit.
type docError struct {
	line   int
	msg    string
	syntax bool
}

func (e *docError) Error() string { return e.msg }

// at returns the error as one in the file at path.
func (e *docError) at(path string) *Error {
	switch {
	case !e.syntax:
		return &Error{Path: path, Line: e.line, Msg: e.msg}
	case e.line > 0:
		return &Error{Path: path, Line: e.line, Msg: "invalid TOML: " + e.msg + ": fix the syntax at this line"}
	}
	return &Error{Path: path, Msg: "invalid TOML: " + e.msg}
}

// reader reads one document into a tree.
type reader struct {
	data []byte
	p    unstable.Parser
	root *node
	// cur is the table the key-values go to.
	cur *node
	// line is the line at byte offset lineOff, counted so far.
	line, lineOff int
	// parts is the key being handled, one part per element.
	parts [][]byte
	// convErr is the first value of the current expression that could not
	// be converted: it is reported after the expression's other errors,
	// as go-toml does. With lazy set, it is left in the node instead.
	convErr *docError
	lazy    bool
	// nodes is where new nodes are allocated, many at a time.
	nodes []node
}

// node returns a new node with the value of n.
func (r *reader) node(n node) *node {
	if len(r.nodes) == cap(r.nodes) {
		r.nodes = make([]node, 0, 256)
	}
	r.nodes = append(r.nodes, n)
	return &r.nodes[len(r.nodes)-1]
}

// readDoc reads a TOML document into a tree whose root is a table. It
// stops at the first error. With lazy set, a value that cannot be
// converted (an integer too large, an impossible date) is no error but a
// node with err set, and on error readDoc returns the document read up to
// the expression in error as well: go-toml's decoder into a struct
// converts only the values it stores, as it goes.
func readDoc(data []byte, lazy bool) (*node, *docError) {
	r := &reader{data: data, line: 1, lazy: lazy}
	r.root = &node{kind: unstable.Table, explicit: true, line: 1}
	r.cur = r.root
	r.p.Reset(data)
	for r.p.NextExpression() {
		e := r.p.Expression()
		var err *docError
		switch e.Kind {
		case unstable.KeyValue:
			err = r.keyValue(e)
		case unstable.Table:
			err = r.header(e, false)
		case unstable.ArrayTable:
			err = r.header(e, true)
		}
		if err == nil {
			err = r.convErr
		}
		if err != nil {
			return r.partial(), err
		}
	}
	if err := r.p.Error(); err != nil {
		line := 0
		var perr *unstable.ParserError
		if errors.As(err, &perr) {
			line = r.lineOfSlice(perr.Highlight)
		}
		return r.partial(), &docError{line: line, msg: err.Error(), syntax: true}
	}
	return r.root, nil
}

// partial returns what a lazy reader read before an error.
func (r *reader) partial() *node {
	if r.lazy {
		return r.root
	}
	return nil
}

// lineAt returns the line of byte offset off. Offsets come in document
// order, so lines are counted once over the whole document.
func (r *reader) lineAt(off int) int32 {
	if off < r.lineOff {
		r.line, r.lineOff = 1, 0
	}
	if off > len(r.data) {
		off = len(r.data)
	}
	r.line += bytes.Count(r.data[r.lineOff:off], []byte{'\n'})
	r.lineOff = off
	return int32(r.line)
}

// lineOfSlice returns the line where b, a slice of the document, starts,
// or 0 when b is not one.
func (r *reader) lineOfSlice(b []byte) int {
	off := cap(r.data) - cap(b)
	if b == nil || off < 0 || off > len(r.data) {
		return 0
	}
	return 1 + bytes.Count(r.data[:off], []byte{'\n'})
}

// key collects the parts of the key of e into r.parts and returns the line
// the key is on.
func (r *reader) key(e *unstable.Node) int32 {
	r.parts = r.parts[:0]
	it := e.Key()
	var line int32
	for it.Next() {
		k := it.Node()
		if len(r.parts) == 0 {
			line = r.lineAt(int(k.Raw.Offset))
		}
		r.parts = append(r.parts, k.Data)
	}
	return line
}

// syntaxf returns an error in the TOML at line.
func syntaxf(line int32, format string, args ...any) *docError {
	return &docError{line: int(line), msg: fmt.Sprintf(format, args...), syntax: true}
}

// header handles a [table] or [[array table]] header.
func (r *reader) header(e *unstable.Node, array bool) *docError {
	line := r.key(e)
	parent := r.root
	last := len(r.parts) - 1
	for _, name := range r.parts[:last] {
		c := parent.child(name)
		switch {
		case c == nil:
			c = r.node(node{kind: unstable.Table, line: line})
			parent.put(name, c)
		case c.isValue():
			return syntaxf(line, "key %s already exists as a value", name)
		}
		parent = c
	}
	name := r.parts[last]
	c := parent.child(name)
	if array {
		switch {
		case c == nil:
			c = r.node(node{kind: unstable.ArrayTable, line: line})
			parent.put(name, c)
		case c.kind != unstable.ArrayTable:
			return syntaxf(line, "key %s already exists as a %s, but should be an array table", name, c.what())
		}
		t := r.node(node{kind: unstable.Table, explicit: true, line: line, hline: line})
		c.elems = append(c.elems, t)
		r.cur = t
		return nil
	}
	switch {
	case c == nil:
		c = r.node(node{kind: unstable.Table, explicit: true, line: line, hline: line})
		parent.put(name, c)
	case c.isDotted():
		return syntaxf(line, "table %s already exists as defined by a dotted key", name)
	case c.kind == unstable.ArrayTable:
		return syntaxf(line, "table %s already exists as an array of tables", name)
	case c.isValue():
		return syntaxf(line, "key %s should be a table, not a %s", name, c.what())
	case c.explicit:
		return syntaxf(line, "table %s already exists", name)
	default:
		c.explicit, c.hline = true, line
	}
	r.cur = c
	return nil
}

// keyValue handles a key = value expression in the current table.
func (r *reader) keyValue(e *unstable.Node) *docError {
	line := r.key(e)
	// The key is checked before the value, as go-toml does, and the tables
	// its dots imply are made only once both are found right.
	if _, _, err := r.place(r.cur, r.parts, line, line, false); err != nil {
		return err
	}
	v, err := r.value(e.Value(), line, line)
	if err != nil {
		return err
	}
	parent, name, _ := r.place(r.cur, r.parts, line, line, true)
	parent.put(name, v)
	return nil
}

// place finds where the (dotted) key parts go under t and returns the
// table and the last part. With create set, it makes the tables the dots
// imply (on line); otherwise it only checks the key. Errors are at
// errLine, the line of the expression.
func (r *reader) place(t *node, parts [][]byte, line, errLine int32, create bool) (*node, []byte, *docError) {
	last := len(parts) - 1
	for _, name := range parts[:last] {
		c := t.child(name)
		switch {
		case c == nil && !create:
			return nil, nil, nil // the rest of the key is new
		case c == nil:
			c = r.node(node{kind: unstable.Table, dotted: true, line: line})
			t.put(name, c)
		case !c.isDotted():
			return nil, nil, syntaxf(errLine, "key %s is already defined", name)
		}
		t = c
	}
	name := parts[last]
	if t.child(name) != nil {
		return nil, nil, syntaxf(errLine, "key %s is already defined", name)
	}
	return t, name, nil
}

// value converts a value. line is the line the value starts on, exprLine
// that of the expression it is in, where errors about its keys are
// reported.
func (r *reader) value(v *unstable.Node, line, exprLine int32) (*node, *docError) {
	n := r.node(node{kind: v.Kind, line: line})
	switch v.Kind {
	case unstable.String:
		n.str = string(v.Data)
	case unstable.Array:
		it := v.Children()
		for it.Next() {
			c := it.Node()
			cl := line
			if c.Kind != unstable.Array { // arrays carry no position
				cl = r.lineAt(int(c.Raw.Offset))
			}
			cn, err := r.value(c, cl, exprLine)
			if err != nil {
				return nil, err
			}
			n.elems = append(n.elems, cn)
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			kv := it.Node()
			var parts [][]byte
			var kl int32
			kit := kv.Key()
			for kit.Next() {
				k := kit.Node()
				if parts == nil {
					kl = r.lineAt(int(k.Raw.Offset))
				}
				parts = append(parts, k.Data)
			}
			parent, name, err := r.place(n, parts, kl, exprLine, true)
			if err != nil {
				return nil, err
			}
			c, err := r.value(kv.Value(), kl, exprLine)
			if err != nil {
				return nil, err
			}
			parent.put(name, c)
		}
	default:
		val, err := scalar(v.Kind, v.Data)
		switch {
		case err == nil:
			n.value = val
		case r.lazy:
			n.err = &docError{line: int(line), msg: err.Error(), syntax: true}
		case r.convErr == nil:
			r.convErr = &docError{line: int(line), msg: err.Error(), syntax: true}
		}
	}
	return n, nil
}

// scalar converts a scalar other than a string as toml.Unmarshal does into
// an interface value: int64, float64, bool, time.Time, toml.LocalDateTime,
// toml.LocalDate or toml.LocalTime.
func scalar(kind unstable.Kind, b []byte) (any, error) {
	switch kind {
	case unstable.Integer:
		return parseInteger(b)
	case unstable.Float:
		return parseFloat(b)
	case unstable.Bool:
		return b[0] == 't', nil
	case unstable.DateTime:
		return parseDateTime(b)
	case unstable.LocalDateTime:
		dt, rest, err := parseLocalDateTime(b)
		if err == nil && len(rest) > 0 {
			err = fmt.Errorf("extra characters at the end of a local date time")
		}
		return dt, err
	case unstable.LocalDate:
		return parseLocalDate(b)
	case unstable.LocalTime:
		t, rest, err := parseLocalTime(b)
		if err == nil && len(rest) > 0 {
			err = fmt.Errorf("extra characters at the end of a local time")
		}
		return t, err
	}
	return nil, fmt.Errorf("unsupported value kind %s", kind)
}

// The conversions below accept exactly what go-toml accepts: its parser
// only delimits numbers and dates and leaves checking their contents to the
// decoder.

func parseInteger(b []byte) (int64, error) {
	if len(b) > 2 && b[0] == '0' {
		switch b[1] {
		case 'x':
			return parseRadix(b[2:], 4, "hexadecimal")
		case 'o':
			return parseRadix(b[2:], 3, "octal")
		case 'b':
			return parseRadix(b[2:], 1, "binary")
		}
	}
	neg := b[0] == '-'
	if b[0] == '-' || b[0] == '+' {
		b = b[1:]
	}
	var limit uint64 = math.MaxInt64
	if neg {
		limit++
	}
	var v uint64
	for _, c := range b {
		if c == '_' {
			continue
		}
		if v > limit/10 || v*10+uint64(c-'0') > limit {
			return 0, fmt.Errorf("decimal number is too large to fit in a 64-bit signed integer")
		}
		v = v*10 + uint64(c-'0')
	}
	if neg {
		return -int64(v), nil //nolint:gosec // v <= MaxInt64+1 wraps to the negative value meant
	}
	return int64(v), nil //nolint:gosec // v <= MaxInt64
}

// parseRadix parses the digits of a number in base 1<<bits.
func parseRadix(b []byte, bits uint, name string) (int64, error) {
	var v uint64
	for _, c := range b {
		var d byte
		switch {
		case c == '_':
			continue
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		}
		if v > math.MaxInt64>>bits {
			return 0, fmt.Errorf("%s number is too large to fit in a 64-bit signed integer", name)
		}
		v = v<<bits | uint64(d)
	}
	return int64(v), nil //nolint:gosec // v <= MaxInt64
}

func parseFloat(b []byte) (float64, error) {
	i := 0
	if b[0] == '+' || b[0] == '-' {
		i = 1
	}
	if len(b) == i+3 {
		switch b[i] {
		case 'i':
			if b[0] == '-' {
				return math.Inf(-1), nil
			}
			return math.Inf(1), nil
		case 'n':
			return math.NaN(), nil
		}
	}
	s := string(b)
	if strings.IndexByte(s, '_') >= 0 {
		s = strings.ReplaceAll(s, "_", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("unable to parse float: %s", err)
	}
	return f, nil
}

func parseDigits(b []byte) (int, error) {
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("expected digit (0-9)")
		}
		v = v*10 + int(c-'0')
	}
	return v, nil
}

func parseLocalDate(b []byte) (toml.LocalDate, error) {
	var d toml.LocalDate
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return d, fmt.Errorf("dates are expected to have the format YYYY-MM-DD")
	}
	var err error
	if d.Year, err = parseDigits(b[0:4]); err != nil {
		return d, err
	}
	if d.Month, err = parseDigits(b[5:7]); err != nil {
		return d, err
	}
	if d.Day, err = parseDigits(b[8:10]); err != nil {
		return d, err
	}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > daysIn(d.Month, d.Year) {
		return d, fmt.Errorf("impossible date")
	}
	return d, nil
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseLocalTime parses HH:MM[:SS[.fraction]] and returns what follows.
func parseLocalTime(b []byte) (toml.LocalTime, []byte, error) {
	var t toml.LocalTime
	if len(b) < 5 {
		return t, nil, fmt.Errorf("times are expected to have the format HH:MM[:SS[.NNNNNN]]")
	}
	var err error
	if t.Hour, err = parseDigits(b[0:2]); err != nil {
		return t, nil, err
	}
	if t.Hour > 23 {
		return t, nil, fmt.Errorf("hour cannot be greater 23")
	}
	if b[2] != ':' {
		return t, nil, fmt.Errorf("expecting colon between hours and minutes")
	}
	if t.Minute, err = parseDigits(b[3:5]); err != nil {
		return t, nil, err
	}
	if t.Minute > 59 {
		return t, nil, fmt.Errorf("minutes cannot be greater 59")
	}
	b = b[5:]
	if len(b) == 0 || b[0] != ':' {
		return t, b, nil
	}
	if len(b) < 3 {
		return t, nil, fmt.Errorf("incomplete seconds")
	}
	if t.Second, err = parseDigits(b[1:3]); err != nil {
		return t, nil, err
	}
	if t.Second > 59 {
		return t, nil, fmt.Errorf("seconds cannot be greater than 59")
	}
	b = b[3:]
	if len(b) == 0 || b[0] != '.' {
		return t, b, nil
	}
	digits, frac := 0, 0
	for _, c := range b[1:] {
		if c < '0' || c > '9' {
			break
		}
		if digits < 9 {
			frac = frac*10 + int(c-'0')
			t.Precision++
		}
		digits++
	}
	if digits == 0 {
		return t, nil, fmt.Errorf("need at least one digit after fraction point")
	}
	for i := t.Precision; i < 9; i++ {
		frac *= 10
	}
	t.Nanosecond = frac
	return t, b[1+digits:], nil
}

// parseLocalDateTime parses YYYY-MM-DD(T| )HH:MM[:SS[.fraction]] and returns
// what follows.
func parseLocalDateTime(b []byte) (toml.LocalDateTime, []byte, error) {
	var dt toml.LocalDateTime
	if len(b) < 11 {
		return dt, nil, fmt.Errorf("local datetimes are expected to have the format YYYY-MM-DDTHH:MM[:SS[.NNNNNNNNN]]")
	}
	var err error
	if dt.LocalDate, err = parseLocalDate(b[:10]); err != nil {
		return dt, nil, err
	}
	if sep := b[10]; sep != 'T' && sep != 't' && sep != ' ' {
		return dt, nil, fmt.Errorf("datetime separator is expected to be T or a space")
	}
	var rest []byte
	dt.LocalTime, rest, err = parseLocalTime(b[11:])
	return dt, rest, err
}

// parseDateTime parses a date-time with a Z or ±HH:MM offset.
func parseDateTime(b []byte) (time.Time, error) {
	dt, b, err := parseLocalDateTime(b)
	if err != nil {
		return time.Time{}, err
	}
	zone := time.UTC
	switch {
	case len(b) == 0:
		return time.Time{}, fmt.Errorf("date-time is missing timezone")
	case b[0] == 'Z' || b[0] == 'z':
		b = b[1:]
	default:
		if len(b) != 6 {
			return time.Time{}, fmt.Errorf("invalid date-time timezone")
		}
		sign := 1
		switch b[0] {
		case '-':
			sign = -1
		case '+':
		default:
			return time.Time{}, fmt.Errorf("invalid timezone offset character")
		}
		if b[3] != ':' {
			return time.Time{}, fmt.Errorf("expected a : separator")
		}
		hours, err := parseDigits(b[1:3])
		if err != nil {
			return time.Time{}, err
		}
		if hours > 23 {
			return time.Time{}, fmt.Errorf("invalid timezone offset hours")
		}
		minutes, err := parseDigits(b[4:6])
		if err != nil {
			return time.Time{}, err
		}
		if minutes > 59 {
			return time.Time{}, fmt.Errorf("invalid timezone offset minutes")
		}
		if secs := sign * (hours*3600 + minutes*60); secs != 0 {
			zone = time.FixedZone("", secs)
		}
		b = b[6:]
	}
	if len(b) > 0 {
		return time.Time{}, fmt.Errorf("extra bytes at the end of the timezone")
	}
	return time.Date(dt.Year, time.Month(dt.Month), dt.Day, dt.Hour, dt.Minute, dt.Second, dt.Nanosecond, zone), nil
}

// generic returns the value of n as toml.Unmarshal gives it in a
// map[string]any: tables as map[string]any, arrays and arrays of tables as
// []any.
func (n *node) generic() any {
	switch n.kind {
	case unstable.Table, unstable.InlineTable:
		m := make(map[string]any, n.keys.len())
		for _, k := range n.keys.list() {
			m[k.name] = k.node.generic()
		}
		return m
	case unstable.Array, unstable.ArrayTable:
		s := make([]any, len(n.elems))
		for i, e := range n.elems {
			s[i] = e.generic()
		}
		return s
	}
	if n.kind == unstable.String {
		return n.str
	}
	return n.value
}
