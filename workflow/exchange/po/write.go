package po

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// width is the longest line Write makes, as gettext does, unless a word
// is longer.
const width = 79

// Write writes f to w as a PO file that msgfmt --check accepts (given
// sensible content) and gettext's tools read: the header entry first,
// with Project-Id-Version, the other Fields, Language, MIME-Version,
// Content-Type (UTF-8), Content-Transfer-Encoding (8bit) and, when set,
// Plural-Forms; then the entries in order, separated by blank lines. The
// output is deterministic. Strings are escaped as in C and, like gettext,
// broken after each "\n" and at spaces to keep lines within 79 columns.
// A comment with line breaks is written as several comment lines.
//
// Write checks f first and writes nothing if it would make a file that is
// invalid or that Parse reads differently; the error is then an
// ErrorList. Entry.Line is ignored.
func Write(w io.Writer, f *File) error {
	if f == nil {
		return errors.New("po: nil file")
	}
	if errs := check(f); len(errs) > 0 {
		return errs
	}
	var p printer
	p.header(&f.Header)
	for i := range f.Entries {
		p.WriteString("\n")
		p.entry(&f.Entries[i])
	}
	_, err := io.WriteString(w, p.String())
	return err
}

// check returns the problems that keep f from being written.
func check(f *File) ErrorList {
	var errs ErrorList
	add := func(format string, args ...any) {
		errs = append(errs, &Error{Msg: fmt.Sprintf(format, args...)})
	}
	h := &f.Header
	for _, v := range []struct{ name, s string }{
		{"ProjectIDVersion", h.ProjectIDVersion}, {"Language", h.Language}, {"PluralForms", h.PluralForms},
	} {
		if msg := checkLine(v.s); msg != "" {
			add("header: %s %s", v.name, msg)
		}
	}
	for _, kv := range h.Fields {
		k, v := kv[0], kv[1]
		switch canonical, own := headerKeys[strings.ToLower(k)]; {
		case k == "" || strings.TrimSpace(k) != k || strings.Contains(k, ":"):
			add("header: field name %q must be non-empty, without colons or surrounding spaces", k)
		case own:
			add("header: field %s is not one of the other Fields; Header has it or Write writes it", canonical)
		}
		if msg := checkLine(k + v); msg != "" {
			add("header: field %s %s", k, msg)
		}
	}
	for _, msg := range checkComments(h.Comments, h.Flags, nil) {
		add("header: %s", msg)
	}
	ids := map[string]int{}
	for i := range f.Entries {
		e := &f.Entries[i]
		var probs []string
		probs = append(probs, checkComments(e.TranslatorComments, e.Flags, e.References)...)
		probs = append(probs, checkComments(e.ExtractedComments, nil, nil)...)
		for _, v := range []struct{ name, s string }{
			{"msgctxt", e.Context}, {"msgid", e.ID}, {"msgid_plural", e.Plural}, {"msgstr", e.Str},
			{"#| msgctxt", e.PrevContext}, {"#| msgid", e.PrevID}, {"#| msgid_plural", e.PrevPlural},
		} {
			if msg := checkString(v.s); msg != "" {
				probs = append(probs, v.name+" "+msg)
			}
		}
		for j, s := range e.Strs {
			if msg := checkString(s); msg != "" {
				probs = append(probs, fmt.Sprintf("msgstr[%d] %s", j, msg))
			}
		}
		switch {
		case e.Plural != "" && len(e.Strs) == 0:
			probs = append(probs, "Plural is set but Strs is empty; a plural entry needs msgstr[0] at least")
		case len(e.Strs) > 0 && e.Str != "":
			probs = append(probs, "both Str and Strs are set; a plural entry has Strs only")
		}
		key := e.Context + "\x04" + e.ID
		switch first, dup := ids[key]; {
		case e.ID == "" && e.Context == "":
			probs = append(probs, "msgid \"\" without msgctxt is the header entry; set File.Header instead")
		case dup:
			probs = append(probs, fmt.Sprintf("duplicate of entry %d; msgctxt and msgid must be unique, obsolete entries included", first))
		default:
			ids[key] = i + 1
		}
		for _, p := range probs {
			add("entry %d (msgid %q): %s", i+1, e.ID, p)
		}
	}
	return errs
}

// checkString describes why s cannot be a PO string, or returns "".
func checkString(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	case strings.IndexByte(s, 0) >= 0:
		return "contains a NUL character"
	}
	return ""
}

// checkLine describes why s cannot be in a header field, or returns "".
func checkLine(s string) string {
	if msg := checkString(s); msg != "" {
		return msg
	}
	if strings.Contains(s, "\n") {
		return "contains a line break"
	}
	return ""
}

// checkComments describes the problems of comments, flags and references.
func checkComments(comments, flags, refs []string) []string {
	var probs []string
	for _, c := range comments {
		if msg := checkString(c); msg != "" {
			probs = append(probs, "comment "+msg)
		}
	}
	for _, f := range flags {
		if f == "" || strings.Trim(f, " \t\r") != f || strings.ContainsAny(f, ",\n") || checkString(f) != "" {
			probs = append(probs, fmt.Sprintf("flag %q must be non-empty UTF-8 without commas, line breaks or surrounding spaces", f))
		}
	}
	for _, r := range refs {
		if refs := splitRefs(r); len(refs) != 1 || refs[0] != r || strings.Contains(r, "\n") || checkString(r) != "" {
			probs = append(probs, fmt.Sprintf("reference %q must be non-empty UTF-8 without white space (except inside quotes or U+2068 … U+2069)", r))
		}
	}
	return probs
}

// printer builds the text of a file that check accepted.
type printer struct {
	strings.Builder
}

func (p *printer) header(h *Header) {
	p.comments("#", h.Comments)
	p.flags(h.Flags)
	var b strings.Builder
	field := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	field("Project-Id-Version", h.ProjectIDVersion)
	for _, kv := range h.Fields {
		field(kv[0], kv[1])
	}
	field("Language", h.Language)
	field("MIME-Version", "1.0")
	field("Content-Type", "text/plain; charset=UTF-8")
	field("Content-Transfer-Encoding", "8bit")
	if h.PluralForms != "" {
		field("Plural-Forms", h.PluralForms)
	}
	p.str("", "msgid", "")
	p.str("", "msgstr", b.String())
}

func (p *printer) entry(e *Entry) {
	p.comments("#", e.TranslatorComments)
	p.comments("#.", e.ExtractedComments)
	p.refs(e.References)
	p.flags(e.Flags)
	prev, kw := "#| ", ""
	if e.Obsolete {
		prev, kw = "#~| ", "#~ "
	}
	if e.PrevContext != "" {
		p.str(prev, "msgctxt", e.PrevContext)
	}
	if e.PrevID != "" || e.PrevContext != "" || e.PrevPlural != "" {
		p.str(prev, "msgid", e.PrevID)
	}
	if e.PrevPlural != "" {
		p.str(prev, "msgid_plural", e.PrevPlural)
	}
	if e.Context != "" {
		p.str(kw, "msgctxt", e.Context)
	}
	p.str(kw, "msgid", e.ID)
	if len(e.Strs) == 0 {
		p.str(kw, "msgstr", e.Str)
		return
	}
	p.str(kw, "msgid_plural", e.Plural)
	for i, s := range e.Strs {
		p.str(kw, fmt.Sprintf("msgstr[%d]", i), s)
	}
}

// comments writes each line of each comment after mark: "# text".
func (p *printer) comments(mark string, comments []string) {
	for _, c := range comments {
		for l := range strings.SplitSeq(c, "\n") {
			p.WriteString(mark)
			if l != "" {
				p.WriteString(" " + l)
			}
			p.WriteString("\n")
		}
	}
}

func (p *printer) flags(flags []string) {
	if len(flags) > 0 {
		p.WriteString("#, " + strings.Join(flags, ", ") + "\n")
	}
}

// refs writes references on "#:" lines of at most width columns, unless
// a reference is longer. A reference with an unclosed quote or isolate
// gets a line of its own, where it cannot swallow the next one.
func (p *printer) refs(refs []string) {
	n, alone := 0, false
	for _, r := range refs {
		l := utf8.RuneCountInString(r)
		if n > 2 && (n+1+l > width || alone || !balanced(r)) {
			p.WriteString("\n")
			n = 0
		}
		if n == 0 {
			p.WriteString("#:")
			n = 2
		}
		p.WriteString(" " + r)
		n += 1 + l
		alone = !balanced(r)
	}
	if n > 0 {
		p.WriteString("\n")
	}
}

// str writes keyword kw and its string s, each line starting with prefix.
func (p *printer) str(prefix, kw, s string) {
	body := strings.TrimSuffix(s, "\n")
	one := prefix + kw + ` "` + escape(s) + `"`
	if !strings.Contains(body, "\n") && utf8.RuneCountInString(one) <= width {
		p.WriteString(one + "\n")
		return
	}
	p.WriteString(prefix + kw + " \"\"\n")
	max := width - utf8.RuneCountInString(prefix) - 2
	for _, piece := range strings.SplitAfter(s, "\n") {
		if piece == "" {
			continue
		}
		for _, chunk := range wrap(escape(piece), max) {
			p.WriteString(prefix + `"` + chunk + "\"\n")
		}
	}
}

// wrap breaks s after spaces into chunks of at most max characters,
// unless a word is longer.
func wrap(s string, max int) []string {
	var chunks []string
	runes := utf8.RuneCountInString(s) // of s, kept as s shrinks: counting again would be quadratic
	for runes > max {
		cut, n := -1, 0
		for i, r := range s {
			if n == max {
				break
			}
			n++
			if r == ' ' {
				cut = i + 1
			}
		}
		if cut <= 0 { // a long word: break after the next space
			i := strings.IndexByte(s, ' ')
			if i < 0 || i == len(s)-1 {
				break
			}
			cut = i + 1
		}
		if cut >= len(s) {
			break
		}
		chunks = append(chunks, s[:cut])
		runes -= utf8.RuneCountInString(s[:cut])
		s = s[cut:]
	}
	return append(chunks, s)
}

// escape returns s with the C escapes that a PO string needs: \\ \" \n
// \t \r \a \b \f \v, and octal ones for other control characters.
func escape(s string) string {
	if !slices.ContainsFunc([]byte(s), func(c byte) bool { return c < 0x20 || c == 0x7f || c == '\\' || c == '"' }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\v':
			b.WriteString(`\v`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, `\%03o`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}
