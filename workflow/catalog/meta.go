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
	// History lists the versions of the translation, oldest first, the
	// current one last when it was recorded; at most HistoryLimit are kept.
	History []Version `toml:"history,omitempty"`
	// Conflict holds the other translation of an open conflict: two
	// translations of the segment met (in a git merge) and the message
	// file keeps one; this is the one it does not. Resolving the conflict
	// (tilmash resolve, or a push of a new translation) clears it.
	Conflict *Version `toml:"conflict,omitempty"`
}

// HistoryLimit is how many versions of a translation a sidecar keeps per
// segment; older ones live on in the translation memory.
const HistoryLimit = 20

// Version is one translation of a segment as it was made.
type Version struct {
	// Text is the translation.
	Text string `toml:"text"`
	// Source is the source text it was made for, when known.
	Source string `toml:"source,omitempty"`
	// By names who made it, and On when (RFC 3339, UTC).
	By string `toml:"by,omitempty"`
	On string `toml:"on,omitempty"`
	// Via names how it came: push, push --force, review, merge, resolve.
	Via string `toml:"via,omitempty"`
}

// Record adds a version to the segment's history, unless it is the latest
// one already, and drops the oldest beyond HistoryLimit. It returns the
// versions dropped.
func (s *SegmentMeta) Record(v Version) []Version {
	if n := len(s.History); n > 0 && s.History[n-1].Text == v.Text && s.History[n-1].Source == v.Source {
		return nil
	}
	s.History = append(s.History, v)
	if over := len(s.History) - HistoryLimit; over > 0 {
		dropped := append([]Version(nil), s.History[:over]...)
		s.History = append([]Version(nil), s.History[over:]...)
		return dropped
	}
	return nil
}

// Empty reports whether the sidecar keeps nothing for the segment.
func (s SegmentMeta) Empty() bool {
	return s.Previous == "" && s.Review == nil && len(s.History) == 0 && s.Conflict == nil
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
	if err := decode(path, data, m); err != nil {
		return nil, err
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
		if !s.Empty() {
			return false
		}
	}
	return len(m.Order) == 0
}

// Memory is a language's translation memory: every translation that left
// its segment (the segment was removed, or the translation replaced), kept
// for reuse. Entries never replace one another.
type Memory struct {
	Entries []MemoryEntry `toml:"entry,omitempty"`
	index   map[MemoryEntry]bool
}

// MemoryEntry is one remembered translation.
type MemoryEntry struct {
	Article     string `toml:"article"`
	ID          string `toml:"id"`
	Source      string `toml:"source"`
	Translation string `toml:"translation"`
	// Origin names where an entry brought in from outside came from (the
	// file, or the tool that wrote it: "ru.tmx, Translate Toolkit 3.8.4");
	// empty for the workspace's own translations. Such an entry is a
	// suggestion, never a current translation.
	Origin string `toml:"origin,omitempty"`
}

// ParseMemory reads a translation memory file.
func ParseMemory(path string, data []byte) (*Memory, error) {
	m := &Memory{}
	if err := decode(path, data, m); err != nil {
		return nil, err
	}
	return m, nil
}

// Add remembers an entry. An entry equal to one the memory has is not added
// twice; no entry replaces another. An entry without a translation is
// left out. One whose source is not known is kept all the same: no
// translation is ever lost, though nothing will match it.
func (m *Memory) Add(e MemoryEntry) {
	if e.Translation == "" {
		return
	}
	if m.index == nil {
		m.index = make(map[MemoryEntry]bool, len(m.Entries))
		for _, old := range m.Entries {
			m.index[old] = true
		}
	}
	if m.index[e] {
		return
	}
	m.index[e] = true
	m.Entries = append(m.Entries, e)
}

// Marshal writes the memory sorted by source text, then article, segment,
// translation and origin.
func (m *Memory) Marshal() ([]byte, error) {
	if len(m.Entries) == 0 {
		return nil, nil
	}
	sort.Slice(m.Entries, func(i, j int) bool {
		a, b := m.Entries[i], m.Entries[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Translation != b.Translation {
			return a.Translation < b.Translation
		}
		return a.Origin < b.Origin
	})
	var buf bytes.Buffer
	buf.WriteString("# tilmash translation memory: translations that left their segments (removed, or replaced).\n\n")
	if err := toml.NewEncoder(&buf).Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
