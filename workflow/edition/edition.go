package edition

import (
	"sync"

	"bytes"
	"embed"
	"fmt"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
	"html/template"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/tilmash/tilmash/workflow/segment"
	"github.com/tilmash/tilmash/workflow/translit"
)

// FrontMatter is the front matter of an edition's Markdown.
type FrontMatter struct {
	Title string `toml:"title"`
	Lang  string `toml:"lang"`
	// TranslationOf names the source: "<slug>.<lang>"; empty on the source edition.
	TranslationOf string `toml:"translation_of,omitempty"`
	// TranslationKey ties the editions of one article together (Hugo's key).
	TranslationKey string `toml:"translationKey"`
	// Date is a toml.LocalDate, or nil for none: a value, not a pointer,
	// so that it is written as a TOML date and not as a string.
	Date   any    `toml:"date,omitempty"`
	Author string `toml:"author,omitempty"`
	Source string `toml:"source,omitempty"`
	// Fallback lists the segments shown in another language, if any.
	Fallback []string `toml:"fallback,omitempty"`
}

// Markdown returns the edition's Markdown file: front matter between "+++"
// lines, then the body.
func Markdown(fm FrontMatter, body []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("+++\n")
	if err := toml.NewEncoder(&buf).Encode(fm); err != nil {
		return nil, err
	}
	buf.WriteString("+++\n")
	if len(body) > 0 && body[0] != '\n' {
		buf.WriteByte('\n')
	}
	buf.Write(body)
	return buf.Bytes(), nil
}

// Marks around a segment in another language; private-use characters that
// Strip removes from every translation, so no text can forge them.
const (
	markOpen  = '\uE000'
	markClose = '\uE001'
)

// Mark wraps the rendered Markdown of a segment shown in language lang.
func Mark(markdown string, lang language.Tag) string {
	return string(markOpen) + lang.String() + string(markClose) + markdown + string(markOpen) + string(markClose)
}

// Strip removes the mark characters from a text.
func Strip(text string) string {
	return strings.NewReplacer(string(markOpen), "", string(markClose), "").Replace(text)
}

var renderer = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(segment.Extensions()...), goldmark.WithRendererOptions(html.WithUnsafe()))
})

var marks = regexp.MustCompile("\uE000([A-Za-z0-9-]*)\uE001")

// HTML renders a Markdown body to HTML with tilmash's goldmark
// configuration, turning marks into <span lang>. Raw HTML is rendered as
// the article has it: it can come only from the source article, since
// segment.Render escapes every translation, so the edition keeps the
// source's structure and no translator can add markup.
func HTML(body []byte) (template.HTML, error) {
	var buf bytes.Buffer
	if err := renderer().Convert(body, &buf); err != nil {
		return "", err
	}
	out := marks.ReplaceAllStringFunc(buf.String(), func(m string) string {
		tag := marks.FindStringSubmatch(m)[1]
		if tag == "" {
			return "</span>"
		}
		return `<span lang="` + template.HTMLEscapeString(tag) + `">`
	})
	return template.HTML(out), nil // goldmark escaped all text; the spans are ours
}

// ReadingMinutes estimates the reading time of a text of so many words, at
// 200 words a minute, at least one minute.
func ReadingMinutes(words int) int {
	return max(1, (words+199)/200)
}

// UI renders an edition's UI strings in one language.
type UI struct {
	Lang language.Tag
	loc  *i18n.Localizer
	// Missing lists the message IDs that fell back to another language.
	Missing []string
}

// NewUI returns the UI strings of lang from bundle.
func NewUI(bundle *i18n.Bundle, lang language.Tag) *UI {
	return &UI{Lang: lang, loc: i18n.NewLocalizer(bundle, lang.String())}
}

// T renders message id with template data and plural count (nil for none).
func (u *UI) T(id string, data map[string]any, count any) string {
	s, tag, err := u.loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil || tag != u.Lang {
		u.Missing = append(u.Missing, id)
	}
	if s == "" {
		return id
	}
	return s
}

// Upper upper-cases text by the rules of the UI's language (Turkish and
// Azeri dotted İ, for one).
func (u *UI) Upper(text string) string {
	return cases.Upper(casing(u.Lang)).String(text)
}

// casing returns the language whose case rules a language's text follows:
// Kazakh in Latin letters has the dotted and dotless i of Turkish.
func casing(tag language.Tag) language.Tag {
	if kazakhLatin(tag) {
		return language.Turkish
	}
	return tag
}

// kazakhLatin reports whether tag is Kazakh in the Latin alphabet.
func kazakhLatin(tag language.Tag) bool {
	base, _ := tag.Base()
	script, _ := tag.Script()
	return base.String() == "kk" && script.String() == "Latn"
}

// LanguageName returns a language's name in its own language, capitalised
// by its own rules: "English", "Русский", "Қазақ тілі", "Türkçe", and
// "Qazaq tılı" for Kazakh in Latin letters.
func LanguageName(tag language.Tag) string {
	name := display.Self.Name(tag)
	if kazakhLatin(tag) {
		name = translit.Kazakh(display.Self.Name(language.Kazakh))
	}
	if name == "" {
		return tag.String()
	}
	_, n := utf8.DecodeRuneInString(name)
	return cases.Upper(casing(tag)).String(name[:n]) + name[n:]
}

// TranslatedFromID returns the UI message ID of the "translated from" line
// for a source language.
func TranslatedFromID(src language.Tag) string {
	base, _ := src.Base()
	return fmt.Sprintf("translated_from_%s", base)
}

//go:embed ui/*.toml
var defaultUI embed.FS

// DefaultUI returns the UI strings tilmash ships for a language (the
// newsroom's en, ru, kk and tr), or nil when it has none.
func DefaultUI(tag language.Tag) []byte {
	data, err := defaultUI.ReadFile("ui/ui." + tag.String() + ".toml")
	if err != nil {
		return nil
	}
	return data
}
