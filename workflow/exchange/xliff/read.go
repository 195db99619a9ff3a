package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Namespace of XLIFF 1.2, named in the error for such files.
const namespace12 = "urn:oasis:names:tc:xliff:document:1.2"

// Read parses an XLIFF 2.0 document. It accepts version="2.1" too, whose
// core is the same. Read checks the rules of XLIFF 2.0 core that matter to
// tilmash and reports every problem it finds in the file as an ErrorList
// of *Error, each with its line; on error the document is nil.
//
// Elements from other namespaces (modules and extensions) are skipped,
// except inside <source> and <target>, where they are errors because
// their text would be lost. <group>s are flattened: their units belong to
// the file, their notes are dropped. <mrk> annotations are dropped and
// their text kept; <sm/> and <em/> are dropped.
//
// A unit split into several <segment>s (and <ignorable>s, which hold the
// white space between them) is joined: Source is the concatenation of all
// sources, Target that of all targets, in the order that the targets'
// order attributes give; a paired code may then open in one segment with
// <sc id="N"/> and close in another with <ec startRef="N"/>. Either every
// segment of a unit has a target or none has; State is the least advanced
// state of its segments (an absent state counts as initial when another
// segment has one).
//
// Codes are taken from the <data> that inline elements of the source
// reference, in the order the placeholders appear in Source.
func Read(data []byte) (*Document, error) {
	if err := checkUTF8(data); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	var r reader
	d := r.document(root)
	if len(r.errs) > 0 {
		slices.SortStableFunc(r.errs, func(a, b *Error) int { return a.Line - b.Line })
		return nil, r.errs
	}
	return d, nil
}

// checkUTF8 reports the first invalid UTF-8 sequence of each line.
func checkUTF8(data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	var errs ErrorList
	line, reported := 1, 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 && reported != line {
			errs = append(errs, &Error{Line: line, Msg: fmt.Sprintf("invalid UTF-8 at byte offset %d; save the file as UTF-8", i)})
			reported = line
		}
		if data[i] == '\n' {
			line++
		}
		i += max(n, 1)
	}
	return errs
}

// elem is an element of the document tree.
type elem struct {
	name xml.Name
	attr []xml.Attr
	line int
	kids []node
}

// node is a child of an element: an element, or else text.
type node struct {
	el   *elem
	text string
	line int
}

// get returns the value of the element's attribute local, which has no
// namespace.
func (e *elem) get(local string) (string, bool) {
	for _, a := range e.attr {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// core reports whether e is in the XLIFF core namespace.
func (e *elem) core() bool { return e.name.Space == Namespace }

// tag names e in a message.
func (e *elem) tag() string {
	if e.core() || e.name.Space == "" {
		return "<" + e.name.Local + ">"
	}
	return fmt.Sprintf("<%s> (namespace %q)", e.name.Local, e.name.Space)
}

// encodingError is returned by the decoder's CharsetReader: Read only
// accepts UTF-8.
type encodingError struct{ label string }

func (e *encodingError) Error() string {
	return fmt.Sprintf("encoding %q is not supported; save the file as UTF-8", e.label)
}

// maxDepth bounds the nesting of elements, which Read walks recursively.
const maxDepth = 1000

// parseTree parses the XML of data into a tree, dropping comments,
// processing instructions and directives; adjacent text is merged.
func parseTree(data []byte) (*elem, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		return nil, &encodingError{label}
	}
	var root *elem
	var stack []*elem
	// The text of the innermost open element since its last child
	// element: comments, processing instructions and CDATA sections
	// split it into several tokens, which are collected here and become
	// one node when an element starts or ends, so that joining them costs
	// time linear in their length. The first token is kept as it is;
	// more go to the builder.
	var first string
	var more strings.Builder
	pieces, textLine := 0, 0
	flush := func() {
		if pieces == 0 {
			return
		}
		text := first
		if pieces > 1 {
			text = more.String()
			more.Reset()
		}
		p := stack[len(stack)-1]
		p.kids = append(p.kids, node{text: text, line: textLine})
		first, pieces = "", 0
	}
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			e := &elem{name: t.Name, attr: slices.Clone(t.Attr), line: line}
			switch {
			case len(stack) > 0:
				p := stack[len(stack)-1]
				p.kids = append(p.kids, node{el: e, line: line})
			case root == nil:
				root = e
			default:
				return nil, ErrorList{{Line: line, Msg: fmt.Sprintf("malformed XML: a second root element <%s> after </%s>", t.Name.Local, root.name.Local)}}
			}
			stack = append(stack, e)
			if len(stack) > maxDepth {
				return nil, ErrorList{{Line: line, Msg: fmt.Sprintf("elements are nested more than %d deep", maxDepth)}}
			}
		case xml.EndElement:
			flush()
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if !isSpace(string(t)) {
					return nil, ErrorList{{Line: line, Msg: "malformed XML: text outside the root element"}}
				}
				continue
			}
			switch pieces++; pieces {
			case 1:
				first, textLine = string(t), line
			case 2:
				more.WriteString(first)
				fallthrough
			default:
				more.Write(t)
			}
		}
	}
	if root == nil {
		return nil, ErrorList{{Line: 1, Msg: "no XML element: this is not an XLIFF file"}}
	}
	return root, nil
}

// xmlError turns an error of the XML decoder into an ErrorList.
func xmlError(d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	var ee *encodingError
	switch {
	case errors.As(err, &se):
		msg := se.Msg
		if rest, ok := strings.CutPrefix(msg, "element <pc> closed by </"); ok {
			msg += "; a <pc> must close inside the same <" + strings.TrimSuffix(rest, ">") +
				"> (a paired code that spans segments is written <sc id=\"N\"/> … <ec startRef=\"N\"/>)"
		}
		return ErrorList{{Line: se.Line, Msg: "malformed XML: " + msg}}
	case errors.As(err, &ee):
		line, _ := d.InputPos()
		return ErrorList{{Line: line, Msg: ee.Error()}}
	}
	line, _ := d.InputPos()
	return ErrorList{{Line: line, Msg: "malformed XML: " + strings.TrimPrefix(err.Error(), "xml: ")}}
}

// isSpace reports whether s is XML white space only.
func isSpace(s string) bool { return strings.Trim(s, " \t\r\n") == "" }

// reader turns the tree into a Document, collecting problems.
type reader struct {
	errs ErrorList
}

func (r *reader) errorf(line int, file, unit, format string, args ...any) {
	r.errs = append(r.errs, &Error{Line: line, File: file, Unit: unit, Msg: fmt.Sprintf(format, args...)})
}

// noText reports text other than white space among the children of e.
func (r *reader) noText(e *elem, k node, file, unit string) {
	if !isSpace(k.text) {
		s := strings.Trim(k.text, " \t\r\n")
		if utf8.RuneCountInString(s) > 20 {
			s = string([]rune(s)[:20]) + "…"
		}
		r.errorf(k.line, file, unit, "unexpected text %q in %s", s, e.tag())
	}
}

func (r *reader) document(root *elem) *Document {
	if root.name.Local != "xliff" {
		r.errorf(root.line, "", "", "the root element is %s, not <xliff>: this is not an XLIFF file", root.tag())
		return nil
	}
	switch root.name.Space {
	case Namespace:
	case namespace12:
		r.errorf(root.line, "", "", "this is XLIFF 1.2; tilmash reads XLIFF 2.0: export the file as XLIFF 2.0")
		return nil
	case "":
		r.errorf(root.line, "", "", "<xliff> has no namespace; want xmlns=%q", Namespace)
		return nil
	default:
		r.errorf(root.line, "", "", "<xliff> is in namespace %q; want %q", root.name.Space, Namespace)
		return nil
	}
	d := &Document{}
	switch v, ok := root.get("version"); {
	case !ok:
		r.errorf(root.line, "", "", `<xliff> has no version attribute; want version="2.0"`)
	case v != "2.0" && v != "2.1":
		r.errorf(root.line, "", "", `XLIFF version %q is not supported; want version="2.0"`, v)
	}
	switch v, ok := root.get("srcLang"); {
	case !ok || v == "":
		r.errorf(root.line, "", "", "<xliff> has no srcLang attribute; set it to the source language")
	case !validLang(v):
		r.errorf(root.line, "", "", "srcLang %q is not a valid BCP 47 language tag", v)
	default:
		d.SrcLang = v
	}
	if v, ok := root.get("trgLang"); ok {
		if validLang(v) {
			d.TrgLang = v
		} else {
			r.errorf(root.line, "", "", "trgLang %q is not a valid BCP 47 language tag", v)
		}
	}
	fileLines := map[string]int{}
	targetLine := 0
	for _, k := range root.kids {
		if k.el == nil {
			r.noText(root, k, "", "")
			continue
		}
		if !k.el.core() {
			continue
		}
		if k.el.name.Local != "file" {
			r.errorf(k.line, "", "", "unexpected %s in <xliff>; want <file>", k.el.tag())
			continue
		}
		f := r.file(k.el)
		if f.ID != "" {
			if first, dup := fileLines[f.ID]; dup {
				r.errorf(k.line, f.ID, "", "file id %q is used twice (first at line %d); give every <file> its own id", f.ID, first)
			} else {
				fileLines[f.ID] = k.line
			}
		}
		for _, u := range f.Units {
			if u.HasTarget && targetLine == 0 {
				targetLine = u.Line
			}
		}
		d.Files = append(d.Files, f)
	}
	if len(d.Files) == 0 {
		r.errorf(root.line, "", "", "<xliff> has no <file>")
	}
	if _, ok := root.get("trgLang"); !ok && targetLine > 0 {
		r.errorf(root.line, "", "", "<xliff> has no trgLang attribute, but units have targets (the first at line %d); set it to the target language", targetLine)
	}
	return d
}

func (r *reader) file(e *elem) File {
	var f File
	switch id, ok := e.get("id"); {
	case !ok:
		r.errorf(e.line, "", "", "<file> has no id attribute")
	case !isNMToken(id):
		r.errorf(e.line, "", "", "file id %q is not an XML NMTOKEN (letters, digits, '-', '_', '.')", id)
	default:
		f.ID = id
	}
	r.fileContent(e, &f, map[string]int{}, true)
	if len(f.Units) == 0 {
		r.errorf(e.line, f.ID, "", "<file> has no <unit>")
	}
	return f
}

// fileContent reads the children of a <file> or <group> e into f.
func (r *reader) fileContent(e *elem, f *File, units map[string]int, top bool) {
	for _, k := range e.kids {
		if k.el == nil {
			r.noText(e, k, f.ID, "")
			continue
		}
		if !k.el.core() {
			continue
		}
		switch k.el.name.Local {
		case "skeleton":
			if !top {
				r.errorf(k.line, f.ID, "", "unexpected <skeleton> in <group>")
			}
		case "notes":
			notes := r.notes(k.el, f.ID, "")
			if top {
				f.Notes = append(f.Notes, notes...)
			}
		case "group":
			r.fileContent(k.el, f, units, false)
		case "unit":
			u, ok := r.unit(k.el, f.ID)
			if !ok {
				continue
			}
			if first, dup := units[u.ID]; dup {
				r.errorf(k.line, f.ID, u.ID, "unit id %q is used twice in the file (first at line %d)", u.ID, first)
				continue
			}
			units[u.ID] = k.line
			f.Units = append(f.Units, u)
		default:
			r.errorf(k.line, f.ID, "", "unexpected %s in %s", k.el.tag(), e.tag())
		}
	}
}

func (r *reader) notes(e *elem, file, unit string) []Note {
	var notes []Note
	for _, k := range e.kids {
		if k.el == nil {
			r.noText(e, k, file, unit)
			continue
		}
		if !k.el.core() {
			continue
		}
		if k.el.name.Local != "note" {
			r.errorf(k.line, file, unit, "unexpected %s in <notes>; want <note>", k.el.tag())
			continue
		}
		n := Note{}
		n.Category, _ = k.el.get("category")
		var b strings.Builder
		for _, t := range k.el.kids {
			if t.el != nil {
				r.errorf(t.line, file, unit, "unexpected %s in <note>; a note holds text only", t.el.tag())
				continue
			}
			b.WriteString(t.text)
		}
		n.Text = b.String()
		notes = append(notes, n)
	}
	return notes
}

// datum is the content of a <data> element.
type datum struct {
	text string
	line int
}

func (r *reader) originalData(e *elem, file, unit string, data map[string]datum) {
	for _, k := range e.kids {
		if k.el == nil {
			r.noText(e, k, file, unit)
			continue
		}
		if !k.el.core() {
			continue
		}
		if k.el.name.Local != "data" {
			r.errorf(k.line, file, unit, "unexpected %s in <originalData>; want <data>", k.el.tag())
			continue
		}
		id, ok := k.el.get("id")
		switch {
		case !ok:
			r.errorf(k.line, file, unit, "<data> has no id attribute")
			continue
		case !isNMToken(id):
			r.errorf(k.line, file, unit, "data id %q is not an XML NMTOKEN", id)
			continue
		}
		if first, dup := data[id]; dup {
			r.errorf(k.line, file, unit, "data id %q is used twice in the unit (first at line %d)", id, first.line)
			continue
		}
		var b strings.Builder
		for _, t := range k.el.kids {
			switch {
			case t.el == nil:
				b.WriteString(t.text)
			case t.el.core() && t.el.name.Local == "cp":
				if c, ok := r.codePoint(t.el, file, unit); ok {
					b.WriteRune(c)
				}
			default:
				r.errorf(t.line, file, unit, "unexpected %s in <data>; data holds text and <cp> only", t.el.tag())
			}
		}
		data[id] = datum{b.String(), k.line}
	}
}

// codePoint returns the character of a <cp hex="…"/> element.
func (r *reader) codePoint(e *elem, file, unit string) (rune, bool) {
	r.empty(e, file, unit)
	h, ok := e.get("hex")
	if !ok {
		r.errorf(e.line, file, unit, "<cp> has no hex attribute")
		return 0, false
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) > 8 || !utf8.ValidRune(rune(n)) {
		r.errorf(e.line, file, unit, "<cp hex=%q> is not a Unicode code point", h)
		return 0, false
	}
	return rune(n), true
}

// empty reports children of e, which must be empty.
func (r *reader) empty(e *elem, file, unit string) {
	for _, k := range e.kids {
		if k.el != nil || !isSpace(k.text) {
			r.errorf(e.line, file, unit, "%s must be empty", e.tag())
			return
		}
	}
}

// part is a <segment> or an <ignorable> of a unit.
type part struct {
	segment  bool
	line     int
	src, trg *elem
	state    string
	order    int // the target's order attribute; 0 when absent
}

func (r *reader) unit(e *elem, file string) (Unit, bool) {
	id, ok := e.get("id")
	switch {
	case !ok:
		r.errorf(e.line, file, "", "<unit> has no id attribute")
	case !isNMToken(id):
		r.errorf(e.line, file, "", "unit id %q is not an XML NMTOKEN (letters, digits, '-', '_', '.')", id)
		ok = false
	}
	u := Unit{ID: id, Line: e.line}
	data := map[string]datum{}
	var parts []part
	segments := 0
	for _, k := range e.kids {
		if k.el == nil {
			r.noText(e, k, file, id)
			continue
		}
		if !k.el.core() {
			continue
		}
		switch k.el.name.Local {
		case "notes":
			u.Notes = append(u.Notes, r.notes(k.el, file, id)...)
		case "originalData":
			r.originalData(k.el, file, id, data)
		case "segment", "ignorable":
			p := r.part(k.el, file, id)
			if p.segment {
				segments++
			}
			parts = append(parts, p)
		default:
			r.errorf(k.line, file, id, "unexpected %s in <unit>", k.el.tag())
		}
	}
	if segments == 0 {
		r.errorf(e.line, file, id, "<unit> has no <segment>")
		return u, ok
	}

	// The source: all parts in document order.
	src := &conv{r: r, file: file, unit: id, where: "source", data: data}
	for _, p := range parts {
		if p.src != nil {
			src.content(p.src)
		}
	}
	src.finish()
	u.Source = src.b.String()
	u.Codes = src.sortedCodes()

	// The target: in the order of the order attributes.
	var missing []int
	states := 0
	for _, p := range parts {
		if !p.segment {
			continue
		}
		if p.trg != nil {
			u.HasTarget = true
		} else {
			missing = append(missing, p.line)
		}
		if p.state != "" {
			states++
			if u.State == "" || stateRank[p.state] < stateRank[u.State] {
				u.State = p.state
			}
		}
	}
	if states > 0 && states < segments {
		u.State = StateInitial
	}
	if !u.HasTarget {
		return u, ok
	}
	for _, line := range missing {
		r.errorf(line, file, id, "<segment> has no <target>, but other segments of the unit have one; translate every segment of the unit or none")
	}
	slots := make([]*elem, len(parts))
	for i, p := range parts {
		t := p.trg
		if t == nil && !p.segment {
			t = p.src // an ignorable without target keeps its source
		}
		pos := i
		if p.order != 0 {
			if p.order > len(parts) {
				r.errorf(p.trg.line, file, id, "<target order=\"%d\">, but the unit has only %d segments and ignorables", p.order, len(parts))
				continue
			}
			pos = p.order - 1
		}
		if slots[pos] != nil {
			r.errorf(p.line, file, id, "two targets take position %d in the unit; fix the order attributes", pos+1)
			continue
		}
		slots[pos] = t
	}
	trg := &conv{r: r, file: file, unit: id, where: "target", data: data, target: true, src: src.ids}
	for _, t := range slots {
		if t != nil {
			trg.content(t)
		}
	}
	trg.finish()
	u.Target = trg.b.String()
	return u, ok
}

func (r *reader) part(e *elem, file, unit string) part {
	p := part{segment: e.name.Local == "segment", line: e.line}
	if p.segment {
		if s, ok := e.get("state"); ok {
			if _, valid := stateRank[s]; valid {
				p.state = s
			} else {
				r.errorf(e.line, file, unit, "state %q is not one of initial, translated, reviewed, final", s)
			}
		}
	}
	for _, k := range e.kids {
		if k.el == nil {
			r.noText(e, k, file, unit)
			continue
		}
		if !k.el.core() {
			continue
		}
		switch k.el.name.Local {
		case "source":
			if p.src != nil {
				r.errorf(k.line, file, unit, "%s has a second <source>", e.tag())
				continue
			}
			p.src = k.el
		case "target":
			if p.trg != nil {
				r.errorf(k.line, file, unit, "%s has a second <target>", e.tag())
				continue
			}
			p.trg = k.el
			if o, ok := k.el.get("order"); ok {
				n, err := strconv.Atoi(o)
				if err != nil || n < 1 {
					r.errorf(k.line, file, unit, "<target order=%q>: order must be a positive number", o)
				} else {
					p.order = n
				}
			}
		default:
			r.errorf(k.line, file, unit, "unexpected %s in %s", k.el.tag(), e.tag())
		}
	}
	if p.src == nil {
		r.errorf(e.line, file, unit, "%s has no <source>", e.tag())
	}
	return p
}
