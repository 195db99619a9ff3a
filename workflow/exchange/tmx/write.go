package tmx

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tilmash/tilmash/workflow/segment"
)

// Write writes the document as TMX 1.4, valid against the TMX 1.4 DTD.
// Text that XML cannot carry (control characters, invalid UTF-8) is an
// *Error naming the unit, and nothing useful is written.
func Write(w io.Writer, doc *Document) error {
	if err := check(doc); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	tool, version := doc.CreationTool, doc.CreationToolVersion
	if tool == "" {
		tool = "tilmash"
	}
	if version == "" {
		version = "1"
	}
	bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	bw.WriteString("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n")
	bw.WriteString("<tmx version=\"1.4\">\n")
	fmt.Fprintf(bw, "  <header creationtool=%s creationtoolversion=%s segtype=\"sentence\" o-tmf=\"tilmash\" adminlang=\"en\" srclang=%s datatype=\"plaintext\"/>\n",
		attr(tool), attr(version), attr(headerLang(doc)))
	bw.WriteString("  <body>\n")
	for i := range doc.Units {
		writeUnit(bw, &doc.Units[i])
	}
	bw.WriteString("  </body>\n</tmx>\n")
	return bw.Flush()
}

// headerLang returns the header's source language: the document's, else
// the one all units share, else AllLangs.
func headerLang(doc *Document) string {
	if doc.SrcLang != "" {
		return doc.SrcLang
	}
	lang := ""
	for _, u := range doc.Units {
		switch {
		case u.SrcLang == "" || u.SrcLang == lang:
		case lang == "":
			lang = u.SrcLang
		default:
			return AllLangs
		}
	}
	if lang == "" {
		return AllLangs
	}
	return lang
}

func writeUnit(w *bufio.Writer, u *Unit) {
	w.WriteString("    <tu")
	if u.ID != "" {
		w.WriteString(" tuid=" + attr(u.ID))
	}
	if u.SrcLang != "" {
		w.WriteString(" srclang=" + attr(u.SrcLang))
	}
	w.WriteString(">\n")
	writeProps(w, "      ", u.Props)
	for _, v := range u.Variants {
		w.WriteString("      <tuv xml:lang=" + attr(v.Lang))
		if !v.Changed.IsZero() {
			w.WriteString(" changedate=" + attr(FormatDate(v.Changed)))
		}
		if v.ChangedBy != "" {
			w.WriteString(" changeid=" + attr(v.ChangedBy))
		}
		w.WriteString(">")
		if len(v.Props) > 0 {
			w.WriteString("\n")
			writeProps(w, "        ", v.Props)
			w.WriteString("        ")
		}
		w.WriteString("<seg>")
		writeSeg(w, v.Text)
		w.WriteString("</seg>")
		if len(v.Props) > 0 {
			w.WriteString("\n      ")
		}
		w.WriteString("</tuv>\n")
	}
	w.WriteString("    </tu>\n")
}

func writeProps(w *bufio.Writer, indent string, props []Prop) {
	for _, p := range props {
		w.WriteString(indent + "<prop type=" + attr(p.Type) + ">")
		w.WriteString(text(p.Value))
		w.WriteString("</prop>\n")
	}
}

// writeSeg writes placeholder text as the content of a <seg>: paired
// placeholders as <bpt>/<ept> (numbered i in order within the segment,
// x the placeholder's number), standalone ones as <ph>, unpaired ones as
// <it>. Each element holds the placeholder as its native code.
func writeSeg(w *bufio.Writer, s string) {
	toks := segment.Tokenize(s)
	// pair[k] is the index of the token that closes the open token k, or
	// that token k closes; -1 for none.
	pair := make([]int, len(toks))
	var open []int
	for k, t := range toks {
		pair[k] = -1
		switch t.Kind {
		case segment.TokenOpen:
			open = append(open, k)
		case segment.TokenClose:
			for j := len(open) - 1; j >= 0; j-- {
				if toks[open[j]].ID == t.ID {
					pair[k], pair[open[j]] = open[j], k
					open = append(open[:j], open[j+1:]...)
					break
				}
			}
		}
	}
	iOf := map[int]int{} // the i of each paired open token
	next := 1
	for k, t := range toks {
		x := strconv.Itoa(t.ID)
		code := text(t.Text)
		switch {
		case t.Kind == segment.TokenText:
			w.WriteString(text(t.Text))
		case t.Kind == segment.TokenStandalone:
			w.WriteString(`<ph x="` + x + `">` + code + `</ph>`)
		case t.Kind == segment.TokenOpen && pair[k] >= 0:
			iOf[k] = next
			fmt.Fprintf(w, `<bpt i="%d" x="%s">%s</bpt>`, next, x, code)
			next++
		case t.Kind == segment.TokenClose && pair[k] >= 0:
			fmt.Fprintf(w, `<ept i="%d">%s</ept>`, iOf[pair[k]], code)
		case t.Kind == segment.TokenOpen:
			w.WriteString(`<it pos="begin" x="` + x + `">` + code + `</it>`)
		default:
			w.WriteString(`<it pos="end" x="` + x + `">` + code + `</it>`)
		}
	}
}

// text escapes character data. A carriage return is written as a
// character reference, which XML parsers keep (a literal one they turn
// into a line feed).
func text(s string) string {
	if !strings.ContainsAny(s, "&<>\r") {
		return s
	}
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")
	return r.Replace(s)
}

// attr returns s quoted as an attribute value, with the whitespace that
// attribute-value normalization would change written as references.
func attr(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
	return `"` + r.Replace(s) + `"`
}

// check reports the first text of the document that XML cannot carry.
func check(doc *Document) error {
	strs := []string{doc.SrcLang, doc.CreationTool, doc.CreationToolVersion}
	if err := checkStrings("", strs...); err != nil {
		return err
	}
	for n, u := range doc.Units {
		name := strconv.Quote(u.ID)
		if u.ID == "" {
			name = "#" + strconv.Itoa(n+1)
		}
		strs := []string{u.ID, u.SrcLang}
		for _, p := range u.Props {
			strs = append(strs, p.Type, p.Value)
		}
		if len(u.Variants) == 0 {
			return &Error{Unit: name, Msg: "a unit needs at least one variant"}
		}
		for _, v := range u.Variants {
			if v.Lang == "" {
				return &Error{Unit: name, Msg: "a variant has no language"}
			}
			strs = append(strs, v.Lang, v.Text, v.ChangedBy)
			for _, p := range v.Props {
				if p.Type == "" {
					return &Error{Unit: name, Msg: "a property has no type"}
				}
				strs = append(strs, p.Type, p.Value)
			}
		}
		for _, p := range u.Props {
			if p.Type == "" {
				return &Error{Unit: name, Msg: "a property has no type"}
			}
		}
		if err := checkStrings(name, strs...); err != nil {
			return err
		}
	}
	return nil
}

func checkStrings(unit string, strs ...string) error {
	for _, s := range strs {
		for i, r := range s {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
					return &Error{Unit: unit, Msg: fmt.Sprintf("%q is not valid UTF-8", s)}
				}
			}
			if !isXMLChar(r) {
				return &Error{Unit: unit, Msg: fmt.Sprintf("%q holds the character %U, which XML cannot carry", s, r)}
			}
		}
	}
	return nil
}

// isXMLChar reports whether XML 1.0 allows the character in a document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
