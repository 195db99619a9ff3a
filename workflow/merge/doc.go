// Package merge merges three versions of the files tilmash keeps in
// locales/ (a common base and two sides that each changed it, as git hands
// them to a merge driver): message files per message, sidecars per segment
// record, translation memories per entry. It reads and writes bytes and
// does no I/O.
//
// The rules, per message or segment record:
//
//   - changed on one side only: that side's version;
//   - changed on both sides alike: that version;
//   - a translation changed on both sides to different texts: a
//     conflict. The message file keeps ours as the current translation;
//     the sidecar keeps theirs as the segment's open conflict
//     (catalog.SegmentMeta.Conflict) and in its history, so the merged
//     files stay valid go-i18n files and nothing is lost;
//   - a translation removed on one side (its segment left the article)
//     and changed on the other: the changed one, which the next sync moves
//     to the translation memory;
//   - histories: the union of both sides, each version once, the current
//     translation last; approvals: the one that approves the current
//     translation; memory entries: the union.
//
// Source catalogs are derived from their articles: a source text changed
// on both sides keeps ours, and the result is reported in Result.Kept so
// the caller can say to run sync.
//
// Every merged file is written by the catalog package's own writers
// (catalog.MarshalNested, catalog.Meta.Marshal, catalog.Memory.Marshal),
// so it is byte for byte what tilmash writes for the same content. Merging
// A into B gives the same files as B into A, except for which side of a
// conflict stays current.
package merge
