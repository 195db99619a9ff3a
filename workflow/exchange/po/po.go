package po

import (
	"slices"

	"golang.org/x/text/language"
)

// File is a gettext PO file: a header and the entries.
type File struct {
	Header  Header
	Entries []Entry
}

// Header is the header entry of a PO file (the entry with msgid "").
// Write fills in MIME-Version, Content-Type (UTF-8) and
// Content-Transfer-Encoding (8bit) itself.
type Header struct {
	ProjectIDVersion string      // Project-Id-Version
	Language         string      // Language, a gettext locale such as "kk" or "pt_BR"
	PluralForms      string      // Plural-Forms; see PluralForms; "" leaves the field out
	Fields           [][2]string // any other fields (PO-Revision-Date, Last-Translator, X-Generator, …), in order
	Comments         []string    // translator comments above the header ("# …")
	Flags            []string    // flags of the header ("#, fuzzy")
}

// Entry is one message of a PO file.
//
// An entry is plural when it has Strs (msgstr[0], msgstr[1], …); it then
// has a Plural (msgid_plural) and no Str. An empty Context means no
// msgctxt: Parse reads msgctxt "" as none.
type Entry struct {
	TranslatorComments []string // "# …"
	ExtractedComments  []string // "#. …"
	References         []string // "#: file:line", one reference per item
	Flags              []string // "#, fuzzy, c-format", one flag per item

	PrevContext string // "#| msgctxt"
	PrevID      string // "#| msgid"
	PrevPlural  string // "#| msgid_plural"

	Context string   // msgctxt
	ID      string   // msgid
	Str     string   // msgstr
	Plural  string   // msgid_plural
	Strs    []string // msgstr[N], for plural entries

	Obsolete bool // written with "#~", kept for reference only
	Line     int  // set by Parse: the line of the entry's first comment or keyword
}

// Fuzzy reports whether the entry has the fuzzy flag: its translation
// needs review and msgfmt leaves it out.
func (e Entry) Fuzzy() bool { return slices.Contains(e.Flags, "fuzzy") }

// Common Plural-Forms values.
const (
	pluralOne   = "nplurals=2; plural=(n != 1);"
	pluralFrom2 = "nplurals=2; plural=(n > 1);"
	pluralNone  = "nplurals=1; plural=0;"
	pluralEast  = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)

// pluralForms maps base languages to their Plural-Forms, the gettext
// expression of CLDR's integer plural rules.
var pluralForms = map[string]string{
	"en": pluralOne, "de": pluralOne, "nl": pluralOne, "sv": pluralOne,
	"da": pluralOne, "nb": pluralOne, "nn": pluralOne, "no": pluralOne,
	"fi": pluralOne, "et": pluralOne, "it": pluralOne, "es": pluralOne,
	"el": pluralOne, "bg": pluralOne, "hu": pluralOne,
	"kk": pluralOne, "ky": pluralOne, "tr": pluralOne, "az": pluralOne, "uz": pluralOne,
	"fr": pluralFrom2,
	"ru": pluralEast, "uk": pluralEast, "be": pluralEast,
	"pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
	"cs": "nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);",
	"sk": "nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);",
	"ja": pluralNone, "zh": pluralNone, "ko": pluralNone, "vi": pluralNone, "th": pluralNone,
}

// PluralForms returns the Plural-Forms header value for the language of
// tag, consistent with CLDR's plural rules for whole numbers:
// "nplurals=2; plural=(n != 1);" for English, Kazakh and Turkish (one,
// other) and "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : …);" for
// Russian (one, few, many). Only the base language counts. It returns ""
// for a language it does not know.
func PluralForms(tag language.Tag) string {
	base, conf := tag.Base()
	if conf != language.Exact {
		return "" // no language, such as und
	}
	return pluralForms[base.String()]
}
