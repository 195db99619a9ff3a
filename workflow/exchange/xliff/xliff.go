package xliff

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Namespace is the XML namespace of XLIFF 2.0 (and 2.1) core elements.
const Namespace = "urn:oasis:names:tc:xliff:document:2.0"

// The segment states of XLIFF 2.0, from least to most advanced.
const (
	StateInitial    = "initial"
	StateTranslated = "translated"
	StateReviewed   = "reviewed"
	StateFinal      = "final"
)

// stateRank orders the valid states; a state absent from it is invalid.
var stateRank = map[string]int{
	StateInitial:    0,
	StateTranslated: 1,
	StateReviewed:   2,
	StateFinal:      3,
}

// Document is an XLIFF 2.0 document: translatable units from one source
// language into one target language, grouped in files.
type Document struct {
	SrcLang string // BCP 47 tag of the source text; required
	TrgLang string // BCP 47 tag of the targets; required when any unit has a target
	Files   []File
}

// File is one <file> of a document; tilmash writes one file per article.
type File struct {
	ID    string // unique in the document; tilmash uses the article slug
	Notes []Note
	Units []Unit
}

// Unit is one translatable unit, which tilmash writes for one segment.
//
// Source and Target are placeholder text: plain Unicode text in which
// "<N>"…"</N>" stands for paired markup and "<N/>" for standalone markup,
// with N a decimal number unique within the text. Write turns them into
// <pc id="N"> and <ph id="N"/> elements; Read turns those back.
type Unit struct {
	ID        string // unique in the file; an XML NMTOKEN (letters, digits, '-', '_', '.', …)
	Notes     []Note // context for the translator
	Codes     []Code // optional original markup of the placeholders in Source
	Source    string
	Target    string // "" when there is none
	HasTarget bool   // whether the unit has a <target> (possibly empty)
	State     string // one of the State constants, or "" when absent
	Line      int    // set by Read: the line of the <unit> start tag
	// Matches are translation candidates (the Translation Candidates
	// module, <mtc:matches>), best first; Write writes them, Read skips
	// them. A match whose placeholders the unit's Codes do not have is
	// left out.
	Matches []Match
	// Glossary holds the terms of the glossary found in the source (the
	// Glossary module, <gls:glossary>); Write writes them, Read skips them.
	Glossary []GlossEntry
}

// GlossEntry is a term found in a unit's source, with its required
// translation and a note.
type GlossEntry struct {
	Term, Translation, Definition string
}

// GlossaryNamespace is the namespace of the Glossary module.
const GlossaryNamespace = "urn:oasis:names:tc:xliff:glossary:2.0"

// Match is a translation candidate for a unit: a source text like the
// unit's, its translation, how similar it is (0 to 100) and where it
// comes from.
type Match struct {
	Source, Target string
	Similarity     float64
	Origin         string
}

// MatchesNamespace is the namespace of the Translation Candidates module.
const MatchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"

// Note is a note for the translator (<note>). Category is free text
// ("context", "previous-source", …); "" leaves the attribute out.
type Note struct {
	Category string
	Text     string
}

// Code is the original markup behind placeholder ID of a unit's source:
// Open and Close around the content for paired placeholders ("[" and
// "](https://x.kz)" for a link), Open alone for standalone ones ("`go test`").
// Write puts them in <originalData> so that CAT tools can display them.
type Code struct {
	ID     string
	Open   string
	Close  string
	Paired bool
}

// isNMToken reports whether s is an XML NMTOKEN, the type of XLIFF ids.
func isNMToken(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !isNameChar(r) {
			return false
		}
	}
	return true
}

// isNameChar reports whether r is an XML 1.0 (fifth edition) NameChar.
func isNameChar(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9',
		r == ':', r == '_', r == '-', r == '.', r == 0xB7:
		return true
	case 0xC0 <= r && r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x37D,
		0x37F <= r && r <= 0x1FFF, 0x200C <= r && r <= 0x200D,
		0x203F <= r && r <= 0x2040, 0x2070 <= r && r <= 0x218F,
		0x2C00 <= r && r <= 0x2FEF, 0x3001 <= r && r <= 0xD7FF,
		0xF900 <= r && r <= 0xFDCF, 0xFDF0 <= r && r <= 0xFFFD,
		0x10000 <= r && r <= 0xEFFFF:
		return true
	}
	return false
}

// isXMLChar reports whether r may appear in an XML 1.0 document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		0x20 <= r && r <= 0xD7FF ||
		0xE000 <= r && r <= 0xFFFD ||
		0x10000 <= r && r <= 0x10FFFF
}

// isDecimal reports whether s is a non-empty string of ASCII digits.
func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validLang reports whether s is a BCP 47 language tag.
func validLang(s string) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	_, err := language.Parse(s)
	return err == nil
}
