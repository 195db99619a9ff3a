package po

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Parse parses a PO file as gettext writes it: comments of every kind,
// flags, previous fields ("#|"), obsolete entries ("#~"), contexts, plural
// entries and strings continued over several lines, with LF or CRLF line
// endings and an optional UTF-8 byte order mark. The file must be UTF-8
// (or ASCII), as its Content-Type must say, if present.
//
// The header entry (msgid "" without msgctxt) goes to File.Header; its
// extracted comments, references and previous fields are dropped.
// Comments after the last entry are dropped too, as gettext does. As in
// gettext, msgctxt and msgid must be unique over all entries, obsolete
// ones included. Unlike gettext, Parse reads msgctxt "" as no msgctxt. Parse reports every
// problem it finds as an ErrorList of *Error, each with its line; on
// error the file is nil.
func Parse(data []byte) (*File, error) {
	if errs := checkBytes(data); len(errs) > 0 {
		return nil, errs
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	p := parser{file: &File{}, ids: map[string]int{}}
	n := 0
	for line := range strings.SplitSeq(string(data), "\n") {
		n++
		p.line(n, strings.TrimRight(line, "\r"))
	}
	p.end()
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return p.file, nil
}

// checkBytes reports the first invalid UTF-8 sequence or NUL byte of each
// line.
func checkBytes(data []byte) ErrorList {
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return nil
	}
	var errs ErrorList
	line, reported := 1, 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if reported != line {
			switch {
			case r == utf8.RuneError && n <= 1:
				errs = append(errs, &Error{Line: line, Msg: fmt.Sprintf("invalid UTF-8 at byte offset %d; convert the file to UTF-8 (msgconv --to-code=UTF-8)", i)})
				reported = line
			case r == 0:
				errs = append(errs, &Error{Line: line, Msg: fmt.Sprintf("NUL byte at byte offset %d; a PO file is text", i)})
				reported = line
			}
		}
		if data[i] == '\n' {
			line++
		}
		i += max(n, 1)
	}
	return errs
}

// field is a keyword of an entry, the field its strings go to.
type field int

const (
	fNone   field = iota
	fCtxt         // msgctxt
	fID           // msgid
	fPlural       // msgid_plural
	fStr          // msgstr
	fStrN         // msgstr[N]
)

// parser reads a PO file line by line.
type parser struct {
	file *File
	errs ErrorList
	ids  map[string]int // line of each active entry, by msgctxt "\x04" msgid
	hdr  int            // line of the header entry, or 0

	// The entry being read.
	e         Entry
	started   bool
	bad       bool  // it has errors: drop it
	cur       field // the last keyword
	curLine   int   // its line
	curString bool  // whether it has a string yet
	strLine   int   // line of the msgstr or msgstr[0]
	obsolete  bool  // some keyword line is obsolete (#~)
	active    bool  // some keyword line is not
	prev      field // the last previous keyword (#| msgctxt, msgid, msgid_plural)
	prevSeen  [fPlural + 1]bool

	// The strings of the entry being read, collected here and moved into
	// e by end, so that a string continued over many lines costs time
	// linear in its length: msgctxt, msgid, msgid_plural, msgstr and the
	// last msgstr[N] (whose earlier ones are in e.Strs already), and the
	// previous fields.
	str     [fStrN + 1]strings.Builder
	prevStr [fPlural + 1]strings.Builder
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// line reads one line, without its line ending.
func (p *parser) line(n int, line string) {
	l := strings.TrimLeft(line, " \t")
	switch {
	case l == "":
		p.blank()
	case strings.HasPrefix(l, "#~|"):
		p.previous(n, strings.TrimLeft(l[3:], " \t"))
	case strings.HasPrefix(l, "#~"):
		rest := strings.TrimLeft(l[2:], " \t")
		if rest == "" {
			p.blank()
			return
		}
		p.keywordLine(n, rest, true)
	case strings.HasPrefix(l, "#|"):
		p.previous(n, strings.TrimLeft(l[2:], " \t"))
	case l[0] == '#':
		p.comment(n, l)
	default:
		p.keywordLine(n, l, false)
	}
}

// blank ends a complete entry; elsewhere white space does not matter.
func (p *parser) blank() {
	if p.cur == fStr || p.cur == fStrN {
		p.end()
	}
}

// begin starts an entry at a comment or keyword line, ending the entry
// being read if it is complete.
func (p *parser) begin(n int) {
	if p.cur == fStr || p.cur == fStrN {
		p.end()
	}
	if !p.started {
		p.started = true
		p.e.Line = n
	}
}

// beginComment is begin for a comment line, which cannot come between
// the keywords of an entry and its msgstr.
func (p *parser) beginComment(n int) {
	p.begin(n)
	if p.cur != fNone && p.cur != fStr && p.cur != fStrN {
		p.errorf(n, "comment between %s (line %d) and msgstr; comments go before the entry's msgctxt or msgid", p.cur, p.curLine)
		p.bad = true
	}
}

func (p *parser) comment(n int, l string) {
	p.beginComment(n)
	kind := byte(0)
	if len(l) > 1 {
		kind = l[1]
	}
	switch kind {
	case ',':
		for f := range strings.SplitSeq(l[2:], ",") {
			if f = strings.Trim(f, " \t\r"); f != "" {
				p.e.Flags = append(p.e.Flags, f)
			}
		}
	case '.':
		p.e.ExtractedComments = append(p.e.ExtractedComments, strings.TrimPrefix(l[2:], " "))
	case ':':
		p.e.References = append(p.e.References, splitRefs(l[2:])...)
	default:
		p.e.TranslatorComments = append(p.e.TranslatorComments, strings.TrimPrefix(l[1:], " "))
	}
}

// splitRefs splits a "#:" line into references. They are separated by
// white space (spaces, tabs, carriage returns), except inside double
// quotes or the isolates U+2068 … U+2069 that gettext puts around file
// names with spaces. A quote or isolate that the line does not close
// protects no white space: such a reference ends at the first white space.
//
// Read from left to right, whether a quote or isolate is closed is only
// known at the end of the line, so a line of many references that each
// open one would be rescanned for each. splitRefs reads the line once
// from right to left instead, for the four states of a reference (in
// quotes or not, in an isolate or not) at once, then cuts it.
func splitRefs(s string) []string {
	// The characters that matter: quotes, isolates and white space.
	type mark struct {
		pos int
		r   rune
	}
	var marks []mark
	for i, r := range s {
		switch r {
		case '"', '\u2068', '\u2069', ' ', '\t', '\r':
			marks = append(marks, mark{i, r})
		}
	}
	const quoted, isolated = 1, 2
	// out[st] is where a reference reaches from the current mark on, in
	// state st: the index of the white space that ends it, or ^f for the
	// end of the line, reached in state f.
	var out [4]int
	for st := range out {
		out[st] = ^st
	}
	// ends[i] is the end of a reference that starts at marks[i] or after
	// marks[i-1]; space is the first white space at or after the mark.
	ends := make([]int, len(marks))
	space := len(s)
	for i := len(marks) - 1; i >= 0; i-- {
		m := marks[i]
		var next [4]int
		for st := range next {
			switch m.r {
			case '"':
				next[st] = out[st^quoted]
			case '\u2068':
				next[st] = out[st|isolated]
			case '\u2069':
				next[st] = out[st&^isolated]
			default:
				space = m.pos
				if st == 0 {
					next[st] = m.pos
				} else {
					next[st] = out[st]
				}
			}
		}
		out = next
		switch o := out[0]; {
		case o >= 0:
			ends[i] = o
		case ^o != 0: // a quote or isolate left open
			ends[i] = space
		default:
			ends[i] = len(s)
		}
	}
	var refs []string
	i, m := 0, 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			i++
		}
		if i == len(s) {
			return refs
		}
		for m < len(marks) && marks[m].pos < i {
			m++
		}
		end := len(s) // no mark: nothing ends the reference
		if m < len(marks) {
			end = ends[m]
		}
		refs = append(refs, s[i:end])
		i = end
	}
}

// balanced reports whether ref closes every quote and isolate it opens.
func balanced(ref string) bool {
	quoted, isolated := false, false
	for _, r := range ref {
		switch r {
		case '"':
			quoted = !quoted
		case '\u2068':
			isolated = true
		case '\u2069':
			isolated = false
		}
	}
	return !quoted && !isolated
}

// previous reads a "#|" (or "#~|") line, rest being what follows it.
func (p *parser) previous(n int, rest string) {
	p.beginComment(n)
	if strings.HasPrefix(rest, `"`) {
		if p.prev == fNone {
			p.errorf(n, "#| string without #| msgctxt, msgid or msgid_plural")
			p.bad = true
			return
		}
		s, _ := p.strings(n, rest)
		p.addPrev(s)
		return
	}
	kw, after := cutKeyword(rest)
	var f field
	switch kw {
	case "msgctxt":
		f = fCtxt
	case "msgid":
		f = fID
	case "msgid_plural":
		f = fPlural
	default:
		p.errorf(n, "unexpected %q after #|; want msgctxt, msgid or msgid_plural", firstWord(rest))
		p.bad = true
		return
	}
	switch {
	case p.prevSeen[f]:
		p.errorf(n, "second #| %s in the entry", kw)
		p.bad = true
	case f == fCtxt && p.prevSeen[fID]:
		p.errorf(n, "#| msgctxt after #| msgid; it comes first")
		p.bad = true
	case f == fPlural && !p.prevSeen[fID]:
		p.errorf(n, "#| msgid_plural without #| msgid before it")
		p.bad = true
	}
	p.prevSeen[f] = true
	p.prev = f
	s, ok := p.strings(n, after)
	if !ok {
		p.errorf(n, "#| %s has no string; write %s \"\" for an empty one", kw, kw)
		p.bad = true
	}
	p.addPrev(s)
}

func (p *parser) addPrev(s string) {
	if p.prev != fNone {
		p.prevStr[p.prev].WriteString(s)
	}
}

// keywordLine reads a line of a keyword and its strings, or of strings
// that continue the last keyword's.
func (p *parser) keywordLine(n int, l string, obsolete bool) {
	if l[0] == '"' {
		if p.cur == fNone {
			p.begin(n)
			p.errorf(n, "string without a keyword; strings follow msgid, msgstr and the like")
			p.bad = true
			return
		}
		p.mark(obsolete)
		s, _ := p.strings(n, l)
		p.add(s)
		p.curString = true
		return
	}
	kw, rest := cutKeyword(l)
	idx := -1
	if i, ok := strings.CutPrefix(kw, "msgstr["); ok && strings.HasSuffix(i, "]") {
		v, err := strconv.Atoi(strings.TrimSuffix(i, "]"))
		if err != nil || v < 0 || v > 1000 {
			p.begin(n)
			p.errorf(n, "bad plural index in %q", kw)
			p.bad = true
			return
		}
		kw, idx = "msgstr[]", v
	}
	switch kw {
	case "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[]":
	default:
		p.begin(n)
		if kw == "" {
			p.errorf(n, "unexpected %q; want a keyword (msgid, msgstr, …), a string in double quotes or a comment", firstWord(l))
		} else {
			p.errorf(n, "unknown keyword %q", kw)
		}
		p.bad = true
		return
	}
	if p.cur != fNone && !p.curString {
		p.errorf(p.curLine, "%s has no string; write %s \"\" for an empty one", p.cur, p.cur)
		p.bad = true
		p.curString = true // reported
	}
	switch kw {
	case "msgctxt":
		switch p.cur {
		case fCtxt, fID, fPlural:
			p.errorf(n, "msgctxt after the %s at line %d; msgctxt comes first in an entry, and the entry before needs a msgstr", p.cur, p.curLine)
			p.bad = true
		}
		p.begin(n)
		p.cur = fCtxt
	case "msgid":
		switch p.cur {
		case fID, fPlural:
			p.end() // reports the missing msgstr
		}
		p.begin(n)
		p.cur = fID
	case "msgid_plural":
		p.begin(n)
		if p.cur != fID {
			p.errorf(n, "msgid_plural must follow msgid")
			p.bad = true
		}
		p.cur = fPlural
		p.e.Strs = []string{}
		p.str[fStrN].Reset()
	case "msgstr":
		p.begin(n)
		switch p.cur {
		case fPlural:
			p.errorf(n, "msgstr in a plural entry; write msgstr[0], msgstr[1], …")
			p.bad = true
		case fNone, fCtxt:
			p.errorf(n, "msgstr without msgid")
			p.bad = true
		}
		p.cur = fStr
		p.strLine = n
	case "msgstr[]":
		want := len(p.e.Strs)
		switch p.cur {
		case fPlural, fStrN:
			if idx != want {
				p.errorf(n, "msgstr[%d] where msgstr[%d] is expected", idx, want)
				p.bad = true
			}
		case fID:
			p.errorf(n, "msgstr[%d] without msgid_plural; write msgstr for a message without plural", idx)
			p.bad = true
		default:
			p.begin(n)
			p.errorf(n, "msgstr[%d] without msgid", idx)
			p.bad = true
		}
		if want == 0 {
			p.strLine = n
		}
		p.cur = fStrN
		p.lastStrN()
		p.e.Strs = append(p.e.Strs, "")
	}
	p.mark(obsolete)
	p.curLine = n
	s, ok := p.strings(n, rest)
	p.curString = ok
	p.add(s)
}

// mark records whether a keyword line is obsolete.
func (p *parser) mark(obsolete bool) {
	if obsolete {
		p.obsolete = true
	} else {
		p.active = true
	}
}

// add appends s to the field of the last keyword.
func (p *parser) add(s string) {
	if p.cur != fNone {
		p.str[p.cur].WriteString(s)
	}
}

// lastStrN moves the string of the last msgstr[N] into e.Strs.
func (p *parser) lastStrN() {
	if n := len(p.e.Strs); n > 0 {
		p.e.Strs[n-1] = p.str[fStrN].String()
	}
	p.str[fStrN].Reset()
}

// collect moves the strings of the entry being read into e.
func (p *parser) collect() {
	p.e.Context = p.str[fCtxt].String()
	p.e.ID = p.str[fID].String()
	p.e.Plural = p.str[fPlural].String()
	p.e.Str = p.str[fStr].String()
	p.lastStrN()
	p.e.PrevContext = p.prevStr[fCtxt].String()
	p.e.PrevID = p.prevStr[fID].String()
	p.e.PrevPlural = p.prevStr[fPlural].String()
}

// String returns the keyword of f.
func (f field) String() string {
	return [...]string{"", "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[N]"}[f]
}

// cutKeyword splits a line into its leading keyword (letters, '_' and an
// index in brackets) and the rest.
func cutKeyword(l string) (string, string) {
	i := 0
	for i < len(l) && (l[i] >= 'a' && l[i] <= 'z' || l[i] == '_') {
		i++
	}
	if i < len(l) && l[i] == '[' {
		if j := strings.IndexByte(l[i:], ']'); j >= 0 {
			i += j + 1
		}
	}
	if i < len(l) && l[i] != ' ' && l[i] != '\t' && l[i] != '"' {
		return "", l // a keyword must end at a space or a string
	}
	return l[:i], l[i:]
}

// firstWord returns the start of l for a message.
func firstWord(l string) string {
	if i := strings.IndexAny(l, " \t"); i >= 0 {
		l = l[:i]
	}
	if utf8.RuneCountInString(l) > 20 {
		l = string([]rune(l)[:20]) + "…"
	}
	return l
}

// strings decodes the strings in double quotes on the rest of a line,
// and reports whether there was one.
func (p *parser) strings(n int, s string) (string, bool) {
	var b strings.Builder
	found := false
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return b.String(), found
		}
		if s[0] != '"' {
			p.errorf(n, "unexpected %q; strings are in double quotes", firstWord(s))
			p.bad = true
			return b.String(), found
		}
		found = true
		i, closed := 1, false
		for i < len(s) && !closed {
			c := s[i]
			switch c {
			case '"':
				closed = true
				i++
			case '\\':
				n2, ok := p.escape(n, s[i:], &b)
				if !ok {
					p.bad = true
				}
				i += n2
			default:
				b.WriteByte(c)
				i++
			}
		}
		if !closed {
			p.errorf(n, "unterminated string; add the closing \" (write \\\" for a quote inside the string)")
			p.bad = true
			return b.String(), found
		}
		s = s[i:]
	}
}

// escape decodes the escape sequence at the start of s into b and
// returns its length; gettext accepts the C escapes \n \t \r \a \b \f \v
// \\ \" and octal and hexadecimal bytes.
func (p *parser) escape(n int, s string, b *strings.Builder) (int, bool) {
	if len(s) < 2 {
		return len(s), true // the caller reports the unterminated string
	}
	switch c := s[1]; c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'a':
		b.WriteByte('\a')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'v':
		b.WriteByte('\v')
	case '\\', '"':
		b.WriteByte(c)
	case '0', '1', '2', '3', '4', '5', '6', '7':
		j := 1
		for j < len(s) && j < 4 && s[j] >= '0' && s[j] <= '7' {
			j++
		}
		v, _ := strconv.ParseUint(s[1:j], 8, 16)
		if v == 0 || v > 0xFF {
			p.errorf(n, "bad escape sequence %s: a PO string holds no NUL, and an octal escape is one byte", s[:j])
			return j, false
		}
		b.WriteByte(byte(v))
		return j, true
	case 'x':
		j := 2
		for j < len(s) && j < 4 && isHex(s[j]) {
			j++
		}
		v, _ := strconv.ParseUint(s[2:j], 16, 8)
		if j == 2 || v == 0 {
			p.errorf(n, "bad escape sequence %s: want \\x and one or two hex digits, not 00", s[:j])
			return j, false
		}
		b.WriteByte(byte(v))
		return j, true
	default:
		_, size := utf8.DecodeRuneInString(s[1:])
		p.errorf(n, "bad escape sequence \\%s; write \\\\ for a backslash", s[1:1+size])
		return 1 + size, false
	}
	return 2, true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// end finishes the entry being read: it checks it and adds it to the
// file, or to the header.
func (p *parser) end() {
	defer p.reset()
	p.collect()
	if !p.started || p.cur == fNone && !p.bad {
		return // nothing, or comments after the last entry
	}
	line := p.e.Line
	switch p.cur {
	case fCtxt:
		p.errorf(p.curLine, "msgctxt has no msgid")
		p.bad = true
	case fID, fPlural:
		p.errorf(p.curLine, "%s has no msgstr", p.cur)
		p.bad = true
	case fStr, fStrN:
		if !p.curString {
			p.errorf(p.curLine, "%s has no string; write %s \"\" for an empty one", p.cur, p.cur)
			p.bad = true
		}
	}
	if p.prevSeen[fCtxt] && !p.prevSeen[fID] {
		p.errorf(line, "#| msgctxt without #| msgid after it")
		p.bad = true
	}
	if p.obsolete && p.active {
		p.errorf(line, "the entry mixes obsolete (#~) and active lines")
		p.bad = true
	}
	e := p.e
	for _, s := range []struct{ name, s string }{
		{"msgctxt", e.Context}, {"msgid", e.ID}, {"msgid_plural", e.Plural}, {"msgstr", e.Str},
		{"#| msgctxt", e.PrevContext}, {"#| msgid", e.PrevID}, {"#| msgid_plural", e.PrevPlural},
	} {
		if !utf8.ValidString(s.s) {
			p.errorf(line, "%s is not valid UTF-8 once its escapes are decoded", s.name)
			p.bad = true
		}
	}
	for i, s := range e.Strs {
		if !utf8.ValidString(s) {
			p.errorf(line, "msgstr[%d] is not valid UTF-8 once its escapes are decoded", i)
			p.bad = true
		}
	}
	if p.bad {
		return
	}
	e.Obsolete = p.obsolete
	if e.ID == "" && e.Context == "" {
		if e.Obsolete {
			p.errorf(line, "obsolete entry with msgid \"\" and no msgctxt, the header's msgid; remove the entry")
			return
		}
		p.header(e)
		return
	}
	key := e.Context + "\x04" + e.ID
	if first, dup := p.ids[key]; dup {
		if e.Context != "" {
			p.errorf(line, "duplicate message: msgctxt %q msgid %q is already at line %d", e.Context, e.ID, first)
		} else {
			p.errorf(line, "duplicate message: msgid %q is already at line %d", e.ID, first)
		}
		return
	}
	p.ids[key] = line
	p.file.Entries = append(p.file.Entries, e)
}

func (p *parser) reset() {
	*p = parser{file: p.file, errs: p.errs, ids: p.ids, hdr: p.hdr}
}

// header reads the header entry e.
func (p *parser) header(e Entry) {
	if p.hdr > 0 {
		p.errorf(e.Line, "second header entry (msgid \"\"); the first is at line %d", p.hdr)
		return
	}
	p.hdr = e.Line
	if e.Strs != nil {
		p.errorf(e.Line, "the header entry (msgid \"\") has msgid_plural; a header has none")
		return
	}
	h := Header{Comments: e.TranslatorComments, Flags: e.Flags}
	seen := map[string]bool{}
	for l := range strings.SplitSeq(e.Str, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		key, value, ok := strings.Cut(l, ":")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if !ok || key == "" {
			p.errorf(p.strLine, "header line %q is not \"Name: value\"", l)
			continue
		}
		lower := strings.ToLower(key)
		if canonical, ok := headerKeys[lower]; ok {
			if seen[lower] {
				p.errorf(p.strLine, "header field %s appears twice", canonical)
				continue
			}
			seen[lower] = true
		}
		switch lower {
		case "project-id-version":
			h.ProjectIDVersion = value
		case "language":
			h.Language = value
		case "plural-forms":
			h.PluralForms = value
		case "content-type":
			if cs := charset(value); cs != "" && !strings.EqualFold(cs, "UTF-8") && cs != "CHARSET" &&
				!strings.EqualFold(cs, "ASCII") && !strings.EqualFold(cs, "US-ASCII") {
				p.errorf(p.strLine, "charset %q is not supported; convert the file to UTF-8 (msgconv --to-code=UTF-8)", cs)
			}
		case "mime-version", "content-transfer-encoding":
		default:
			h.Fields = append(h.Fields, [2]string{key, value})
		}
	}
	p.file.Header = h
}

// headerKeys are the header fields that Header has a field for or that
// Write writes itself, by lower-case name.
var headerKeys = map[string]string{
	"project-id-version":        "Project-Id-Version",
	"language":                  "Language",
	"plural-forms":              "Plural-Forms",
	"mime-version":              "MIME-Version",
	"content-type":              "Content-Type",
	"content-transfer-encoding": "Content-Transfer-Encoding",
}

// charset returns the charset parameter of a Content-Type value.
func charset(contentType string) string {
	for param := range strings.SplitSeq(contentType, ";") {
		k, v, ok := strings.Cut(param, "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
