package tmx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Read parses a TMX document (1.4, and the earlier versions, which differ
// in nothing Read uses). Inline elements become tilmash placeholders; the
// text of <note>s, user-defined elements and the native code inside
// inline elements is left out. The first problem found is returned as an
// *Error with its line.
func Read(data []byte) (*Document, error) {
	r := &reader{d: xml.NewDecoder(bytes.NewReader(data))}
	r.d.Strict = true
	doc, err := r.document()
	if err != nil {
		return nil, err
	}
	return doc, nil
}

type reader struct {
	d *xml.Decoder
	// unit names the unit being read, for errors.
	unit string
}

func (r *reader) line() int {
	line, _ := r.d.InputPos()
	return line
}

func (r *reader) errorf(format string, args ...any) *Error {
	return &Error{Line: r.line(), Unit: r.unit, Msg: fmt.Sprintf(format, args...)}
}

// xmlError turns the decoder's error into an *Error.
func (r *reader) xmlError(err error) *Error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &Error{Line: se.Line, Unit: r.unit, Msg: "not well-formed XML: " + se.Msg}
	}
	if errors.Is(err, io.EOF) {
		return r.errorf("the document ends too early")
	}
	return r.errorf("%v", err)
}

// next returns the next token that is an element's start or end, or
// character data; comments, processing instructions and the DOCTYPE are
// skipped.
func (r *reader) next() (xml.Token, error) {
	for {
		tok, err := r.d.Token()
		if err != nil {
			return nil, r.xmlError(err)
		}
		switch tok.(type) {
		case xml.StartElement, xml.EndElement, xml.CharData:
			return tok, nil
		}
	}
}

// skip skips the rest of the element just started.
func (r *reader) skip() error {
	if err := r.d.Skip(); err != nil {
		return r.xmlError(err)
	}
	return nil
}

// children calls f for each child element of the element just started,
// until its end; character data between them is left out.
func (r *reader) children(f func(xml.StartElement) error) error {
	for {
		tok, err := r.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := f(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func attrOf(e xml.StartElement, name string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || name == "lang") {
			return a.Value, true
		}
	}
	return "", false
}

// langOf returns the xml:lang of an element, else its deprecated lang.
func langOf(e xml.StartElement) string {
	old := ""
	for _, a := range e.Attr {
		if a.Name.Local != "lang" {
			continue
		}
		if a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
			return a.Value
		}
		old = a.Value
	}
	return old
}

func (r *reader) document() (*Document, error) {
	var root xml.StartElement
	for {
		tok, err := r.d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, &Error{Line: r.line(), Msg: "no <tmx> element: this is not a TMX document"}
			}
			return nil, r.xmlError(err)
		}
		if e, ok := tok.(xml.StartElement); ok {
			root = e
			break
		}
	}
	if root.Name.Local != "tmx" {
		return nil, r.errorf("the root element is <%s>, not <tmx>: this is not a TMX document", root.Name.Local)
	}
	doc := &Document{}
	header, body := false, false
	err := r.children(func(e xml.StartElement) error {
		switch e.Name.Local {
		case "header":
			header = true
			doc.SrcLang, _ = attrOf(e, "srclang")
			doc.CreationTool, _ = attrOf(e, "creationtool")
			doc.CreationToolVersion, _ = attrOf(e, "creationtoolversion")
			return r.skip()
		case "body":
			body = true
			return r.children(func(e xml.StartElement) error {
				if e.Name.Local != "tu" {
					return r.skip()
				}
				r.unit = "#" + strconv.Itoa(len(doc.Units)+1)
				u, err := r.tu(e)
				if err != nil {
					return err
				}
				doc.Units = append(doc.Units, *u)
				r.unit = ""
				return nil
			})
		}
		return r.skip()
	})
	if err != nil {
		return nil, err
	}
	switch {
	case !header:
		return nil, r.errorf("<tmx> has no <header>")
	case !body:
		return nil, r.errorf("<tmx> has no <body>")
	}
	return doc, nil
}

func (r *reader) tu(e xml.StartElement) (*Unit, error) {
	u := &Unit{}
	u.ID, _ = attrOf(e, "tuid")
	if u.ID != "" {
		r.unit = strconv.Quote(u.ID)
	}
	u.SrcLang, _ = attrOf(e, "srclang")
	err := r.children(func(e xml.StartElement) error {
		switch e.Name.Local {
		case "prop":
			p, err := r.prop(e)
			if err != nil {
				return err
			}
			u.Props = append(u.Props, p)
			return nil
		case "tuv":
			v, err := r.tuv(e)
			if err != nil {
				return err
			}
			u.Variants = append(u.Variants, *v)
			return nil
		}
		return r.skip()
	})
	if err != nil {
		return nil, err
	}
	if len(u.Variants) == 0 {
		return nil, r.errorf("<tu> has no <tuv>")
	}
	return u, nil
}

func (r *reader) prop(e xml.StartElement) (Prop, error) {
	p := Prop{}
	p.Type, _ = attrOf(e, "type")
	var sb strings.Builder
	err := r.content(func(t xml.Token) error {
		if cd, ok := t.(xml.CharData); ok {
			sb.Write(cd)
			return nil
		}
		return r.skip()
	})
	p.Value = sb.String()
	return p, err
}

// content calls f with each token inside the element just started, until
// its end: character data, or the start of a child element (which f must
// read or skip to its end).
func (r *reader) content(f func(xml.Token) error) error {
	for {
		tok, err := r.next()
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.EndElement); ok {
			return nil
		}
		if err := f(tok); err != nil {
			return err
		}
	}
}

func (r *reader) tuv(e xml.StartElement) (*Variant, error) {
	v := &Variant{Lang: langOf(e)}
	if v.Lang == "" {
		return nil, r.errorf("<tuv> has no xml:lang: say the language of its text")
	}
	date, ok := attrOf(e, "changedate")
	if !ok {
		date, _ = attrOf(e, "creationdate")
	}
	if date != "" {
		t, err := parseDate(date)
		if err != nil {
			return nil, r.errorf("%v", err)
		}
		v.Changed = t
	}
	if v.ChangedBy, ok = attrOf(e, "changeid"); !ok {
		v.ChangedBy, _ = attrOf(e, "creationid")
	}
	seg := false
	err := r.children(func(e xml.StartElement) error {
		switch e.Name.Local {
		case "prop":
			p, err := r.prop(e)
			if err != nil {
				return err
			}
			v.Props = append(v.Props, p)
			return nil
		case "seg":
			if seg {
				return r.errorf("<tuv xml:lang=%q> has two <seg>s: a variant has one", v.Lang)
			}
			seg = true
			text, err := r.seg()
			v.Text = text
			return err
		}
		return r.skip()
	})
	if err != nil {
		return nil, err
	}
	if !seg {
		return nil, r.errorf("<tuv xml:lang=%q> has no <seg>", v.Lang)
	}
	return v, nil
}

// parseDate reads a date in TMX's form, or in RFC 3339, which some tools
// write instead.
func parseDate(s string) (time.Time, error) {
	if t, err := ParseDate(s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil && t.UTC().Year() >= 1 && t.UTC().Year() <= 9999 {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("changedate %q is not a date in TMX's form YYYYMMDDThhmmssZ", s)
}
