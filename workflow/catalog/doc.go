// Package catalog reads and writes go-i18n TOML message files and the
// workflow sidecars kept beside them.
//
// A message file holds one table per message, keyed by message ID, with only
// go-i18n's own keys (description, hash, zero, one, two, few, many, other), so
// that i18n.Bundle.LoadMessageFile and goi18n accept it. Parse checks a file
// both ways: its TOML syntax (errors name the line) and its go-i18n
// structure. Marshal writes messages sorted by ID, so that a one-message
// change is a few-line diff and a re-run changes no byte.
//
// Hash is goi18n's hash of a source message: the hash a translation carries
// when it was made from exactly that source.
//
// A sidecar (Meta) keeps what go-i18n messages cannot: the order of the
// source segments, the previous source of stale translations, review
// approvals, and a translation memory of removed segments.
//
// Reading takes time linear in the size of a file: Parse, ParseMeta and
// ParseMemory read with go-toml's streaming parser (package unstable) into a
// tree whose tables find their keys in maps, where go-toml's decoder would
// check each table against all those before it. They accept, refuse and
// fill exactly as toml.Unmarshal and go-toml's strict Decoder did; the old
// readings are kept in the tests as the reference.
package catalog
