package tmx

import (
	"fmt"
	"time"
)

// Document is a TMX document: a translation memory.
type Document struct {
	// SrcLang is the header's source language: a language tag, or AllLangs
	// when the units have different ones. Write derives it from the units
	// when it is empty.
	SrcLang string
	// CreationTool and CreationToolVersion name the tool that wrote the
	// document; Write uses "tilmash" and "1" when they are empty.
	CreationTool        string
	CreationToolVersion string
	Units               []Unit
}

// AllLangs is the header's source language of a memory whose units have
// different source languages.
const AllLangs = "*all*"

// Unit is a translation unit (<tu>): one text in several languages.
type Unit struct {
	// ID is the unit's tuid, if any.
	ID string
	// SrcLang is the unit's source language; empty means the header's.
	SrcLang string
	// Props are the unit's properties (<prop type="…">), in order.
	Props []Prop
	// Variants hold the text in each language, the source's usually first.
	Variants []Variant
}

// Variant is a unit's text in one language (<tuv>).
type Variant struct {
	// Lang is the language tag (xml:lang).
	Lang string
	// Text is the text as tilmash placeholder text.
	Text string
	// Changed is when the text was last changed (changedate), and
	// ChangedBy who changed it (changeid); zero and empty when unknown.
	Changed   time.Time
	ChangedBy string
	// Props are the variant's properties, in order.
	Props []Prop
}

// Prop is a property of a unit or variant: a value of a type. Types of
// properties a tool defines for itself start with "x-".
type Prop struct {
	Type  string
	Value string
}

// Prop returns the value of the unit's first property of the type, or "".
func (u *Unit) Prop(typ string) string { return propOf(u.Props, typ) }

// Prop returns the value of the variant's first property of the type, or "".
func (v *Variant) Prop(typ string) string { return propOf(v.Props, typ) }

func propOf(props []Prop, typ string) string {
	for _, p := range props {
		if p.Type == typ {
			return p.Value
		}
	}
	return ""
}

// Source returns the variant in the unit's source language (srcLang when
// the unit names none), or nil.
func (u *Unit) Source(srcLang string) *Variant {
	if u.SrcLang != "" {
		srcLang = u.SrcLang
	}
	for i := range u.Variants {
		if u.Variants[i].Lang == srcLang {
			return &u.Variants[i]
		}
	}
	return nil
}

// dateLayout is TMX's form of a date: ISO 8601, basic format, UTC.
const dateLayout = "20060102T150405Z"

// FormatDate writes a time as TMX writes dates: 20261205T164410Z.
func FormatDate(t time.Time) string { return t.UTC().Format(dateLayout) }

// ParseDate reads a date in TMX's form.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not in TMX's form YYYYMMDDThhmmssZ", s)
	}
	return t, nil
}

// Error is a problem in a TMX document: found by Read at a line, or by
// Write in a unit (Line 0).
type Error struct {
	Line int    // 1-based line in the input; 0 for Write's errors
	Unit string // the unit's tuid or number, when known
	Msg  string // what is wrong and, where it helps, what to do
}

// Error returns the message located by line and unit:
// `line 12: unit "p1.s2": <ept i="3"> closes no <bpt>`.
func (e *Error) Error() string {
	s := e.Msg
	if e.Unit != "" {
		s = fmt.Sprintf("unit %s: %s", e.Unit, s)
	}
	if e.Line > 0 {
		s = fmt.Sprintf("line %d: %s", e.Line, s)
	}
	return s
}
