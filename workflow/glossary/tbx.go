package glossary

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/internal/tomlquote"
)

// ImportedTerm is one concept read from a TBX file: its ID and, per
// language, the preferred term, the other admitted terms, the deprecated
// ones and a definition.
type ImportedTerm struct {
	ID    string
	Langs map[language.Tag]*ImportedEntry
}

// ImportedEntry is a concept's terms in one language.
type ImportedEntry struct {
	Form      string
	Also      []string
	Forbidden []string
	Note      string
}

// ParseTBX reads the concepts of a TBX file, as terminologists keep them:
// TBX 2 (martif: termEntry, langSet, tig or ntig) or TBX 3 (tbx:
// conceptEntry, langSec, termSec). In each language the first term that
// is not deprecated is the form; a term whose administrative status (or
// normative authorization) says deprecated or superseded is forbidden.
// Errors name the file and the line.
func ParseTBX(name string, data []byte) ([]*ImportedTerm, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var out []*ImportedTerm
	var cur *ImportedTerm
	var lang language.Tag
	var term, status, text string
	inTerm, inDescrip, inStatus := false, false, false
	descripDefinition := false
	line := func() int {
		off := dec.InputOffset()
		return 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n"))
	}
	endTerm := func() {
		if cur == nil || lang == language.Und || strings.TrimSpace(term) == "" {
			term, status = "", ""
			return
		}
		e := cur.Langs[lang]
		if e == nil {
			e = &ImportedEntry{}
			cur.Langs[lang] = e
		}
		t := strings.TrimSpace(term)
		st := strings.ToLower(status)
		switch {
		case strings.Contains(st, "deprecated") || strings.Contains(st, "superseded"):
			e.Forbidden = append(e.Forbidden, t)
		case e.Form == "":
			e.Form = t
		default:
			e.Also = append(e.Also, t)
		}
		term, status = "", ""
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not a TBX file: %v", name, line(), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "termEntry", "conceptEntry":
				cur = &ImportedTerm{Langs: map[language.Tag]*ImportedEntry{}}
				for _, a := range t.Attr {
					if a.Name.Local == "id" {
						cur.ID = a.Value
					}
				}
			case "langSet", "langSec":
				lang = language.Und
				for _, a := range t.Attr {
					if a.Name.Local == "lang" {
						tag, err := language.Parse(a.Value)
						if err != nil {
							return nil, fmt.Errorf("%s:%d: xml:lang %q is not a language tag", name, line(), a.Value)
						}
						lang = tag
					}
				}
			case "term":
				inTerm, term = true, ""
			case "termNote":
				for _, a := range t.Attr {
					if a.Name.Local == "type" && (a.Value == "administrativeStatus" || a.Value == "normativeAuthorization") {
						inStatus, status = true, ""
					}
				}
			case "descrip":
				inDescrip, text = true, ""
				descripDefinition = false
				for _, a := range t.Attr {
					if a.Name.Local == "type" && a.Value == "definition" {
						descripDefinition = true
					}
				}
			}
		case xml.CharData:
			switch {
			case inTerm:
				term += string(t)
			case inStatus:
				status += string(t)
			case inDescrip:
				text += string(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "term":
				inTerm = false
			case "termNote":
				inStatus = false
			case "descrip":
				inDescrip = false
				if descripDefinition && cur != nil && lang != language.Und {
					e := cur.Langs[lang]
					if e == nil {
						e = &ImportedEntry{}
						cur.Langs[lang] = e
					}
					e.Note = strings.TrimSpace(text)
				}
			case "tig", "ntig", "termSec":
				endTerm()
			case "langSet", "langSec":
				lang = language.Und
			case "termEntry", "conceptEntry":
				if cur != nil && len(cur.Langs) > 0 {
					out = append(out, cur)
				}
				cur = nil
			}
		}
	}
	return out, nil
}

// AppendTOML writes imported concepts as [[term]] tables of glossary.toml,
// languages sorted, to add at the end of the file.
func AppendTOML(terms []*ImportedTerm) []byte {
	var b strings.Builder
	for _, t := range terms {
		b.WriteString("\n[[term]]\n")
		if t.ID != "" {
			b.WriteString("id = " + tomlquote.String(t.ID) + "\n")
		}
		tags := make([]language.Tag, 0, len(t.Langs))
		for tag := range t.Langs {
			tags = append(tags, tag)
		}
		sort.Slice(tags, func(i, j int) bool { return tags[i].String() < tags[j].String() })
		for _, tag := range tags {
			e := t.Langs[tag]
			b.WriteString("[term." + tomlquote.Key(tag.String()) + "]\n")
			if e.Form != "" {
				b.WriteString("form = " + tomlquote.String(e.Form) + "\n")
			}
			for _, l := range []struct {
				key  string
				list []string
			}{{"also", e.Also}, {"forbidden", e.Forbidden}} {
				if len(l.list) == 0 {
					continue
				}
				q := make([]string, len(l.list))
				for i, s := range l.list {
					q[i] = tomlquote.String(s)
				}
				b.WriteString(l.key + " = [" + strings.Join(q, ", ") + "]\n")
			}
			if e.Note != "" {
				b.WriteString("note = " + tomlquote.String(e.Note) + "\n")
			}
		}
	}
	return []byte(b.String())
}
