package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/tilmash/tilmash/workflow/internal/tomlquote"
)

// MarshalNested writes the messages of one article as a go-i18n TOML file
// in which the article's name is a table around its messages, sorted by
// ID, after an optional comment header:
//
//	["news/2024/05/floods".title]
//	hash = 'sha1-…'
//	other = '…'
//
// go-i18n reads the message IDs as "news/2024/05/floods.title", so the
// files of every article of a language load into one bundle without a
// collision, and goi18n merge works over a whole locale folder.
func MarshalNested(header, name string, msgs []Message) ([]byte, error) {
	if name == "" {
		return nil, errors.New("an article needs a name")
	}
	sorted := append([]Message(nil), msgs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	var buf bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(header), "\n") {
		if line != "" {
			buf.WriteString("# " + line + "\n")
		}
	}
	prefix := tomlquote.Key(name) + "."
	for i, m := range sorted {
		if m.ID == "" {
			return nil, errors.New("a message has an empty ID")
		}
		if i > 0 && sorted[i-1].ID == m.ID {
			return nil, fmt.Errorf("message %q appears twice", m.ID)
		}
		if buf.Len() > 0 {
			buf.WriteByte('\n')
		}
		buf.WriteString("[" + prefix + tomlquote.Key(m.ID) + "]\n")
		body, err := toml.Marshal(m)
		if err != nil {
			return nil, err
		}
		buf.Write(body)
	}
	return buf.Bytes(), nil
}

// Within returns the file's messages under the table name (see
// MarshalNested), with the name and its dot taken off their IDs. Messages
// outside the table (a file written before articles had tables) keep their
// IDs; a message found both ways is an error naming the line.
func (f *File) Within(name string) (*File, error) {
	prefix := name + "."
	out := &File{Path: f.Path, Lang: f.Lang, lines: make(map[string]int, len(f.Messages))}
	all := true
	for _, m := range f.Messages {
		if !strings.HasPrefix(m.ID, prefix) {
			all = false
			break
		}
	}
	if all {
		// The usual file: every message under the table. Taking the same
		// prefix off sorted IDs keeps them sorted, and distinct.
		out.Messages = make([]Message, len(f.Messages))
		for i, m := range f.Messages {
			line := f.lines[m.ID]
			m.ID = m.ID[len(prefix):]
			out.Messages[i] = m
			out.lines[m.ID] = line
		}
		return out, nil
	}
	seen := make(map[string]bool, len(f.Messages))
	for _, m := range f.Messages {
		id, ok := strings.CutPrefix(m.ID, prefix)
		if !ok {
			id = m.ID
		}
		if seen[id] {
			return nil, &Error{Path: f.Path, Line: f.lines[m.ID], Msg: fmt.Sprintf("message %q is in the file twice, inside the table [%s] and outside it: keep one", id, tomlquote.Key(name))}
		}
		seen[id] = true
		line := f.lines[m.ID]
		m.ID = id
		out.Messages = append(out.Messages, m)
		out.lines[id] = line
	}
	sort.Slice(out.Messages, func(i, j int) bool { return out.Messages[i].ID < out.Messages[j].ID })
	return out, nil
}
