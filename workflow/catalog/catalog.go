package catalog

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"golang.org/x/text/language"
)

// Message is one go-i18n message.
type Message struct {
	ID          string `toml:"-"`
	Description string `toml:"description,omitempty"`
	Hash        string `toml:"hash,omitempty"`
	Zero        string `toml:"zero,omitempty"`
	One         string `toml:"one,omitempty"`
	Two         string `toml:"two,omitempty"`
	Few         string `toml:"few,omitempty"`
	Many        string `toml:"many,omitempty"`
	Other       string `toml:"other,omitempty"`
}

// Empty reports whether the message has no text in any plural form.
func (m Message) Empty() bool {
	return m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" && m.Other == ""
}

// File is a parsed message file.
type File struct {
	// Path names the file in errors.
	Path string
	// Lang is the language tag in the file name.
	Lang language.Tag
	// Messages are sorted by ID.
	Messages []Message
	// lines maps a message ID to the line of its table header.
	lines map[string]int
}

// Lookup returns the message with the given ID.
func (f *File) Lookup(id string) (Message, bool) {
	i := sort.Search(len(f.Messages), func(i int) bool { return f.Messages[i].ID >= id })
	if i < len(f.Messages) && f.Messages[i].ID == id {
		return f.Messages[i], true
	}
	return Message{}, false
}

// Line returns the line where the message with the given ID starts, or 0.
func (f *File) Line(id string) int { return f.lines[id] }

// Error is a problem in a file, at a line when it is known.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Hash returns goi18n's hash of a source message with the given description
// and text: the hash a translation of it carries.
func Hash(description, other string) string {
	h := sha1.New()
	_, _ = io.WriteString(h, description) // writing to a hash never fails
	_, _ = io.WriteString(h, other)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// LangOfPath returns the language tag of a message file named
// <name>.<tag>.toml, as go-i18n reads it, checked with language.Parse.
func LangOfPath(path string) (language.Tag, error) {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	parts := strings.Split(base, ".")
	if len(parts) < 3 || parts[len(parts)-1] != "toml" {
		return language.Und, &Error{Path: path, Msg: "message files are named <name>.<language>.toml"}
	}
	raw := parts[len(parts)-2]
	tag, err := language.Parse(raw)
	if err != nil || tag == language.Und {
		return language.Und, &Error{Path: path, Msg: fmt.Sprintf("invalid language tag %q in the file name: use a BCP 47 tag such as en, ru, kk or tr", raw)}
	}
	return tag, nil
}

// Parse reads a go-i18n TOML message file. The language comes from the file
// name. Errors name the file and, where known, the line.
func Parse(path string, data []byte) (*File, error) {
	tag, err := LangOfPath(path)
	if err != nil {
		return nil, err
	}
	doc, derr := readDoc(data, false)
	if derr != nil {
		return nil, derr.at(path)
	}
	raw := doc.generic().(map[string]any)
	lines := make(map[string]int, doc.keys.len())
	messageLines(lines, "", doc)
	if err := checkMessages(raw, "", lines, path); err != nil {
		return nil, err
	}
	// go-i18n's own reading is the reference for what a message is; it
	// reads the map decoded above rather than decoding the file again.
	decoded := func(_ []byte, v any) error {
		p, ok := v.(*any)
		if !ok {
			return fmt.Errorf("cannot decode into %T", v)
		}
		*p = raw
		return nil
	}
	mf, err := i18n.ParseMessageFileBytes(data, path, map[string]i18n.UnmarshalFunc{"toml": decoded})
	if err != nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("not a go-i18n message file: %v", err)}
	}
	f := &File{Path: path, Lang: tag, lines: lines}
	slices.SortFunc(mf.Messages, func(a, b *i18n.Message) int { return strings.Compare(a.ID, b.ID) })
	if len(mf.Messages) > 0 {
		f.Messages = make([]Message, 0, len(mf.Messages))
	}
	for _, m := range mf.Messages {
		msg := Message{
			ID: m.ID, Description: m.Description, Hash: m.Hash,
			Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many, Other: m.Other,
		}
		if !msg.Empty() { // a message without text is no translation
			f.Messages = append(f.Messages, msg)
		}
	}
	return f, nil
}

// messageLines records in lines where each table under t starts (its
// header, or the key that made it) and where each string that is not one
// of a message's own keys is, by the go-i18n ID of what is there: the keys
// from the root joined with dots, arrays left out as go-i18n leaves them
// out. The first place of an ID counts.
func messageLines(lines map[string]int, prefix string, t *node) {
	for _, k := range t.keys.list() {
		c := k.node
		id := k.name
		if prefix != "" {
			id = prefix + "." + k.name
		}
		switch c.kind {
		case unstable.Table, unstable.InlineTable:
			if _, ok := lines[id]; !ok {
				lines[id] = int(max(c.hline, c.line))
			}
			messageLines(lines, id, c)
		case unstable.ArrayTable, unstable.Array:
			elemLines(lines, id, c)
		case unstable.String:
			if _, ok := lines[id]; !ok && !ownKey(k.name) && !strings.EqualFold(k.name, "translation") {
				lines[id] = int(c.line)
			}
		}
	}
}

// elemLines records the lines of the tables in an array, as messageLines.
func elemLines(lines map[string]int, prefix string, a *node) {
	for _, e := range a.elems {
		switch e.kind {
		case unstable.Table, unstable.InlineTable:
			messageLines(lines, prefix, e)
		case unstable.Array:
			elemLines(lines, prefix, e)
		}
	}
}

// checkMessages refuses, at any depth (an article's messages sit in a
// table named after it), message tables that carry keys go-i18n does not
// know next to its own, naming the line.
func checkMessages(raw map[string]any, prefix string, lines map[string]int, path string) error {
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := checkMessage(raw, id); err != nil {
			return &Error{Path: path, Line: lines[prefix+id], Msg: strings.Replace(err.Error(), fmt.Sprintf("%q", id), fmt.Sprintf("%q", prefix+id), 1)}
		}
		t, ok := raw[id].(map[string]any)
		if !ok || isMessageTable(t) {
			continue
		}
		if err := checkMessages(t, prefix+id+".", lines, path); err != nil {
			return err
		}
	}
	return nil
}

// isMessageTable reports whether a table holds one of go-i18n's own keys.
func isMessageTable(t map[string]any) bool {
	for k := range t {
		if ownKey(k) {
			return true
		}
	}
	return false
}

// checkMessage refuses message tables that carry keys go-i18n does not know
// next to its own.
func checkMessage(raw map[string]any, id string) error {
	t, ok := raw[id].(map[string]any)
	if !ok {
		return nil
	}
	own, unknown, first := false, false, ""
	for k := range t {
		switch {
		case ownKey(k):
			own = true
		case !unknown || k < first:
			unknown, first = true, k
		}
	}
	if !own || !unknown {
		return nil // a message, or a table of nested messages
	}
	return fmt.Errorf("message %q has an unknown key %q: a message holds only description, hash and the plural forms zero, one, two, few, many, other", id, first)
}

// ownKey reports whether k is one of the keys of a go-i18n message.
func ownKey(k string) bool {
	switch strings.ToLower(k) {
	case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other":
		return true
	}
	return false
}

// Marshal writes messages as a go-i18n TOML file, sorted by ID, after an
// optional comment header.
func Marshal(header string, msgs []Message) ([]byte, error) {
	sorted := append([]Message(nil), msgs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	return MarshalInOrder(header, sorted)
}

// MarshalInOrder writes messages as a go-i18n TOML file in the order given
// (a translator's file follows the article), after an optional comment
// header.
func MarshalInOrder(header string, msgs []Message) ([]byte, error) {
	seen := make(map[string]bool, len(msgs))
	var buf bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(header), "\n") {
		if line != "" {
			buf.WriteString("# " + line + "\n")
		}
	}
	for i, m := range msgs {
		if m.ID == "" {
			return nil, errors.New("a message has an empty ID")
		}
		if seen[m.ID] {
			return nil, fmt.Errorf("message %q appears twice", m.ID)
		}
		seen[m.ID] = true
		if buf.Len() > 0 && (i > 0 || header != "") {
			buf.WriteByte('\n')
		}
		if err := toml.NewEncoder(&buf).Encode(map[string]Message{m.ID: m}); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}
