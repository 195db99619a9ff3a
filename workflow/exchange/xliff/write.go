package xliff

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Write writes d to w as an XLIFF 2.0 document: UTF-8, indented by two
// spaces, with the same bytes for the same value. It checks d first and
// writes nothing if d would make an invalid file or one that Read rejects;
// the error is then an ErrorList that names each file, unit and problem.
//
// Placeholders become inline elements, "<N>…</N>" a <pc id="N"> and "<N/>"
// a <ph id="N"/>. The Codes of a unit go into <originalData>, as <data
// id="dN"> (the opening or standalone markup) and <data id="dN-end"> (the
// closing markup), referenced by dataRef, dataRefStart and dataRefEnd from
// the inline elements of source and target. Characters that XML cannot
// carry become <cp hex="…"/> in source, target and data. Unit.Line is
// ignored.
func Write(w io.Writer, d *Document) error {
	if d == nil {
		return errors.New("xliff: nil document")
	}
	if err := check(d).err(); err != nil {
		return err
	}
	var p printer
	p.document(d)
	_, err := io.WriteString(w, p.String())
	return err
}

// check returns the problems that keep d from being written.
func check(d *Document) ErrorList {
	var errs ErrorList
	add := func(file, unit, format string, args ...any) {
		errs = append(errs, &Error{File: file, Unit: unit, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case d.SrcLang == "":
		add("", "", "SrcLang is empty")
	case !validLang(d.SrcLang):
		add("", "", "SrcLang %q is not a valid BCP 47 language tag", d.SrcLang)
	}
	if d.TrgLang != "" && !validLang(d.TrgLang) {
		add("", "", "TrgLang %q is not a valid BCP 47 language tag", d.TrgLang)
	}
	if len(d.Files) == 0 {
		add("", "", "the document has no files")
	}
	files := map[string]bool{}
	targets := false
	for fi := range d.Files {
		f := &d.Files[fi]
		switch {
		case !isNMToken(f.ID):
			add("", "", "file id %q is not an XML NMTOKEN (letters, digits, '-', '_', '.')", f.ID)
		case files[f.ID]:
			add(f.ID, "", "file id %q is used twice", f.ID)
		}
		files[f.ID] = true
		for _, msg := range checkNotes(f.Notes) {
			add(f.ID, "", "%s", msg)
		}
		if len(f.Units) == 0 {
			add(f.ID, "", "the file has no units")
		}
		units := map[string]bool{}
		for ui := range f.Units {
			u := &f.Units[ui]
			switch {
			case !isNMToken(u.ID):
				add(f.ID, "", "unit id %q is not an XML NMTOKEN (letters, digits, '-', '_', '.')", u.ID)
			case units[u.ID]:
				add(f.ID, u.ID, "unit id %q is used twice in the file", u.ID)
			}
			units[u.ID] = true
			targets = targets || u.HasTarget
			for _, msg := range checkUnit(u) {
				add(f.ID, u.ID, "%s", msg)
			}
		}
	}
	if targets && d.TrgLang == "" {
		add("", "", "TrgLang is empty, but units have targets")
	}
	return errs
}

// checkNotes describes the problems of notes.
func checkNotes(notes []Note) []string {
	var probs []string
	for _, n := range notes {
		if msg := checkXMLString(n.Category); msg != "" {
			probs = append(probs, "note category "+msg)
		}
		if msg := checkXMLString(n.Text); msg != "" {
			probs = append(probs, "note "+msg)
		}
	}
	return probs
}

// checkXMLString describes why s cannot be written as XML character
// data, or returns "".
func checkXMLString(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, r := range s {
		if !isXMLChar(r) {
			return fmt.Sprintf("contains %U, which XML cannot carry", r)
		}
	}
	return ""
}

// checkUnit describes the problems of u.
func checkUnit(u *Unit) []string {
	var probs []string
	probs = append(probs, checkNotes(u.Notes)...)
	if _, ok := stateRank[u.State]; !ok && u.State != "" {
		probs = append(probs, fmt.Sprintf("state %q is not one of initial, translated, reviewed, final", u.State))
	}
	if !utf8.ValidString(u.Source) {
		probs = append(probs, "the source is not valid UTF-8")
	}
	src, sp := placeholders(u.Source)
	for _, p := range sp {
		probs = append(probs, "source: "+p)
	}
	switch {
	case !u.HasTarget && u.Target != "":
		probs = append(probs, "Target is set but HasTarget is false")
	case u.HasTarget:
		if !utf8.ValidString(u.Target) {
			probs = append(probs, "the target is not valid UTF-8")
		}
		trg, tp := placeholders(u.Target)
		for _, p := range tp {
			probs = append(probs, "target: "+p)
		}
		for _, t := range tokenize(u.Target) {
			if t.kind == tokText || t.kind == tokClose {
				continue
			}
			paired, ok := src[t.s]
			switch {
			case !ok:
				probs = append(probs, fmt.Sprintf("target: placeholder %s is not in the source", t))
			case paired != trg[t.s]:
				probs = append(probs, fmt.Sprintf("target: placeholder %s does not match the source's kind of placeholder %s", t, t.s))
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range u.Codes {
		paired, ok := src[c.ID]
		switch {
		case seen[c.ID]:
			probs = append(probs, fmt.Sprintf("code %q is listed twice", c.ID))
		case !ok:
			probs = append(probs, fmt.Sprintf("code %q has no placeholder in the source", c.ID))
		case paired && !c.Paired:
			probs = append(probs, fmt.Sprintf("code %q is standalone, but <%s> in the source is paired", c.ID, c.ID))
		case !paired && c.Paired:
			probs = append(probs, fmt.Sprintf("code %q is paired, but <%s/> in the source is standalone", c.ID, c.ID))
		case !c.Paired && c.Close != "":
			probs = append(probs, fmt.Sprintf("code %q is standalone but has a Close", c.ID))
		}
		seen[c.ID] = true
		if !utf8.ValidString(c.Open) || !utf8.ValidString(c.Close) {
			probs = append(probs, fmt.Sprintf("code %q is not valid UTF-8", c.ID))
		}
	}
	return probs
}

// printer builds the text of a document that check accepted.
type printer struct {
	strings.Builder
}

func (p *printer) document(d *Document) {
	p.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	p.WriteString(`<xliff xmlns="` + Namespace + `" version="2.0"`)
	if hasMatches(d) {
		p.WriteString(` xmlns:mtc="` + MatchesNamespace + `"`)
	}
	if hasGlossary(d) {
		p.WriteString(` xmlns:gls="` + GlossaryNamespace + `"`)
	}
	p.attr("srcLang", d.SrcLang)
	if d.TrgLang != "" {
		p.attr("trgLang", d.TrgLang)
	}
	p.WriteString(">\n")
	for i := range d.Files {
		p.file(&d.Files[i])
	}
	p.WriteString("</xliff>\n")
}

func (p *printer) file(f *File) {
	p.WriteString(`  <file`)
	p.attr("id", f.ID)
	p.WriteString(">\n")
	p.notes("    ", f.Notes)
	for i := range f.Units {
		p.unit(&f.Units[i])
	}
	p.WriteString("  </file>\n")
}

func (p *printer) notes(indent string, notes []Note) {
	if len(notes) == 0 {
		return
	}
	p.WriteString(indent + "<notes>\n")
	for _, n := range notes {
		p.WriteString(indent + "  <note")
		if n.Category != "" {
			p.attr("category", n.Category)
		}
		p.WriteString(">")
		p.text(n.Text)
		p.WriteString("</note>\n")
	}
	p.WriteString(indent + "</notes>\n")
}

func (p *printer) unit(u *Unit) {
	p.WriteString("    <unit")
	p.attr("id", u.ID)
	p.WriteString(">\n")
	codes := map[string]Code{}
	for _, c := range u.Codes {
		codes[c.ID] = c
	}
	matches := usableMatches(u, codes)
	p.matches(matches, codes)
	p.glossary(u.Glossary)
	p.notes("      ", u.Notes)
	source := tokenize(u.Source)
	if len(codes) > 0 {
		p.WriteString("      <originalData>\n")
		for _, t := range source {
			c, ok := codes[t.s]
			if t.kind == tokText || t.kind == tokClose || !ok {
				continue
			}
			p.data("d"+c.ID, c.Open)
			if c.Paired {
				p.data("d"+c.ID+"-end", c.Close)
			}
		}
		p.WriteString("      </originalData>\n")
	}
	p.WriteString("      <segment")
	if len(matches) > 0 {
		p.attr("id", "s1") // what the matches refer to
	}
	if u.State != "" {
		p.attr("state", u.State)
	}
	p.WriteString(">\n")
	p.content("source", source, codes)
	if u.HasTarget {
		p.content("target", tokenize(u.Target), codes)
	}
	p.WriteString("      </segment>\n")
	p.WriteString("    </unit>\n")
}

// hasGlossary reports whether any unit has glossary entries.
func hasGlossary(d *Document) bool {
	for _, f := range d.Files {
		for _, u := range f.Units {
			if len(u.Glossary) > 0 {
				return true
			}
		}
	}
	return false
}

// glossary writes a unit's terms as <gls:glossary>.
func (p *printer) glossary(es []GlossEntry) {
	if len(es) == 0 {
		return
	}
	p.WriteString("      <gls:glossary>\n")
	for _, e := range es {
		p.WriteString("        <gls:glossEntry>\n          <gls:term>")
		p.text(e.Term)
		p.WriteString("</gls:term>\n")
		if e.Translation != "" {
			p.WriteString("          <gls:translation>")
			p.text(e.Translation)
			p.WriteString("</gls:translation>\n")
		}
		if e.Definition != "" {
			p.WriteString("          <gls:definition>")
			p.text(e.Definition)
			p.WriteString("</gls:definition>\n")
		}
		p.WriteString("        </gls:glossEntry>\n")
	}
	p.WriteString("      </gls:glossary>\n")
}

// hasMatches reports whether any unit has a match to write.
func hasMatches(d *Document) bool {
	for _, f := range d.Files {
		for i := range f.Units {
			u := &f.Units[i]
			if len(u.Matches) == 0 {
				continue
			}
			codes := map[string]Code{}
			for _, c := range u.Codes {
				codes[c.ID] = c
			}
			if len(usableMatches(u, codes)) > 0 {
				return true
			}
		}
	}
	return false
}

// usableMatches returns the unit's matches whose texts are well-formed
// placeholder text using only the placeholders of the unit's source.
func usableMatches(u *Unit, codes map[string]Code) []Match {
	var out []Match
	inSource := map[string]bool{}
	for _, t := range tokenize(u.Source) {
		if t.kind != tokText {
			inSource[t.s] = true
		}
	}
	for _, m := range u.Matches {
		ok := m.Target != ""
		for _, text := range []string{m.Source, m.Target} {
			if _, probs := placeholders(text); len(probs) > 0 {
				ok = false // malformed
			}
			for _, t := range tokenize(text) {
				if t.kind != tokText && !inSource[t.s] {
					ok = false // a placeholder the unit does not have
				}
			}
		}
		if ok {
			out = append(out, m)
		}
	}
	return out
}

// matches writes translation candidates as <mtc:matches>, each with its own
// <originalData> for its placeholders.
func (p *printer) matches(ms []Match, codes map[string]Code) {
	if len(ms) == 0 {
		return
	}
	p.WriteString("      <mtc:matches>\n")
	for i, m := range ms {
		p.WriteString("        <mtc:match")
		p.attr("id", fmt.Sprintf("m%d", i+1))
		p.attr("ref", "#s1")
		p.attr("similarity", strconv.FormatFloat(min(max(m.Similarity, 0), 100), 'f', -1, 64))
		if m.Origin != "" {
			p.attr("origin", m.Origin)
		}
		p.WriteString(">\n")
		source := tokenize(m.Source)
		used := map[string]bool{}
		for _, text := range [][]token{source, tokenize(m.Target)} {
			for _, t := range text {
				if t.kind != tokText {
					used[t.s] = true
				}
			}
		}
		if len(used) > 0 {
			p.WriteString("      <originalData>\n")
			for _, c := range sortedCodes(codes) {
				if !used[c.ID] {
					continue
				}
				p.data("d"+c.ID, c.Open)
				if c.Paired {
					p.data("d"+c.ID+"-end", c.Close)
				}
			}
			p.WriteString("      </originalData>\n")
		}
		p.content("source", source, codes)
		p.content("target", tokenize(m.Target), codes)
		p.WriteString("        </mtc:match>\n")
	}
	p.WriteString("      </mtc:matches>\n")
}

// sortedCodes returns codes in the order of their IDs' numbers.
func sortedCodes(codes map[string]Code) []Code {
	out := make([]Code, 0, len(codes))
	for _, c := range codes {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, _ := strconv.Atoi(out[i].ID)
		b, _ := strconv.Atoi(out[j].ID)
		if a != b {
			return a < b
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (p *printer) data(id, s string) {
	p.WriteString("        <data")
	p.attr("id", id)
	p.WriteString(">")
	p.text(s)
	p.WriteString("</data>\n")
}

// content writes a <source> or <target> element holding toks.
func (p *printer) content(name string, toks []token, codes map[string]Code) {
	p.WriteString("        <" + name)
	if needsPreserve(toks) {
		p.WriteString(` xml:space="preserve"`)
	}
	p.WriteString(">")
	for _, t := range toks {
		c, ok := codes[t.s]
		switch t.kind {
		case tokText:
			p.text(t.s)
		case tokOpen:
			p.WriteString("<pc")
			p.attr("id", t.s)
			if ok && c.Paired {
				p.attr("dataRefStart", "d"+c.ID)
				p.attr("dataRefEnd", "d"+c.ID+"-end")
			}
			p.WriteString(">")
		case tokClose:
			p.WriteString("</pc>")
		case tokStandalone:
			p.WriteString("<ph")
			p.attr("id", t.s)
			if ok && !c.Paired {
				p.attr("dataRef", "d"+c.ID)
			}
			p.WriteString("/>")
		}
	}
	p.WriteString("</" + name + ">\n")
}

// needsPreserve reports whether the text of toks has white space that an
// XML tool might normalize: leading or trailing space, a run of spaces, or
// a tab or line break.
func needsPreserve(toks []token) bool {
	var b strings.Builder
	for _, t := range toks {
		if t.kind == tokText {
			b.WriteString(t.s)
		} else {
			b.WriteString("x")
		}
	}
	s := b.String()
	return s != strings.Trim(s, " \t\r\n") || strings.ContainsAny(s, "\t\r\n") || strings.Contains(s, "  ")
}

// attr writes ` name="value"`, escaped.
func (p *printer) attr(name, value string) {
	p.WriteString(" " + name + `="`)
	for _, r := range value {
		switch r {
		case '&':
			p.WriteString("&amp;")
		case '<':
			p.WriteString("&lt;")
		case '>':
			p.WriteString("&gt;")
		case '"':
			p.WriteString("&quot;")
		case '\t':
			p.WriteString("&#x9;")
		case '\n':
			p.WriteString("&#xA;")
		case '\r':
			p.WriteString("&#xD;")
		default:
			p.WriteRune(r)
		}
	}
	p.WriteString(`"`)
}

// text writes s as escaped character data; a character that XML cannot
// carry becomes a <cp> element, which is allowed where text may hold one.
func (p *printer) text(s string) {
	for _, r := range s {
		switch {
		case r == '&':
			p.WriteString("&amp;")
		case r == '<':
			p.WriteString("&lt;")
		case r == '>':
			p.WriteString("&gt;")
		case r == '\r':
			p.WriteString("&#xD;")
		case !isXMLChar(r):
			fmt.Fprintf(p, `<cp hex="%04X"/>`, r)
		default:
			p.WriteRune(r)
		}
	}
}
