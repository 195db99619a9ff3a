package catalog

import (
	"bytes"
	"sort"

	"github.com/pelletier/go-toml/v2"
)

// Meta is the sidecar of one message file: workflow data that must not live
// inside go-i18n messages.
type Meta struct {
	// Order lists the segment IDs in document order (source language only).
	Order []string `toml:"order,multiline,omitempty"`
	// Segments holds per-segment data by segment ID (target languages).
	Segments map[string]SegmentMeta `toml:"segments,omitempty"`
}

// SegmentMeta is what the sidecar knows of one segment in one language.
type SegmentMeta struct {
	// Previous is the source text the translation was made from, kept when
	// the source changed since, so a translator sees what changed.
	Previous string `toml:"previous,omitempty"`
	// Review is the approval of the current translation, if any.
	Review *Review `toml:"review,omitempty"`
}

// Review records an editor's approval of exactly one translation of exactly
// one source text.
type Review struct {
	// By names the reviewer.
	By string `toml:"by"`
	// On is the date of the review, YYYY-MM-DD.
	On string `toml:"on"`
	// Source is the Hash of the source message approved.
	Source string `toml:"source"`
	// Translation is the TextHash of the translation approved.
	Translation string `toml:"translation"`
}

// TextHash identifies a translation text in a review record.
func TextHash(text string) string { return Hash("", text) }

// ParseMeta reads a sidecar.
func ParseMeta(path string, data []byte) (*Meta, error) {
	m := &Meta{}
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		return nil, syntaxError(path, err)
	}
	return m, nil
}

// Marshal writes the sidecar deterministically. An empty sidecar is nil.
func (m *Meta) Marshal() ([]byte, error) {
	if m.IsEmpty() {
		return nil, nil
	}
	var buf bytes.Buffer
	buf.WriteString("# tilmash sidecar: workflow data beside the go-i18n message file; not a message file.\n\n")
	if err := toml.NewEncoder(&buf).Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// IsEmpty reports whether the sidecar holds nothing.
func (m *Meta) IsEmpty() bool {
	for _, s := range m.Segments {
		if s.Previous != "" || s.Review != nil {
			return false
		}
	}
	return len(m.Order) == 0
}

// Memory is a language's translation memory of segments that left their
// article: their last source and translation, kept for reuse.
type Memory struct {
	Entries []MemoryEntry `toml:"entry,omitempty"`
}

// MemoryEntry is one remembered translation.
type MemoryEntry struct {
	Article     string `toml:"article"`
	ID          string `toml:"id"`
	Source      string `toml:"source"`
	Translation string `toml:"translation"`
}

// ParseMemory reads a translation memory file.
func ParseMemory(path string, data []byte) (*Memory, error) {
	m := &Memory{}
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		return nil, syntaxError(path, err)
	}
	return m, nil
}

// Add remembers an entry, replacing an older one with the same source and
// article.
func (m *Memory) Add(e MemoryEntry) {
	for i, old := range m.Entries {
		if old.Source == e.Source && old.Article == e.Article {
			m.Entries[i] = e
			return
		}
	}
	m.Entries = append(m.Entries, e)
}

// Marshal writes the memory sorted by source text, then article.
func (m *Memory) Marshal() ([]byte, error) {
	if len(m.Entries) == 0 {
		return nil, nil
	}
	sort.Slice(m.Entries, func(i, j int) bool {
		a, b := m.Entries[i], m.Entries[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Article < b.Article
	})
	var buf bytes.Buffer
	buf.WriteString("# tilmash translation memory: translations of segments removed from their articles.\n\n")
	if err := toml.NewEncoder(&buf).Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
