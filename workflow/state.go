package workflow

import "github.com/tilmash/tilmash/workflow/catalog"

// Judgement is what the files say of one segment in one target language:
// its state, and whether an approval it had has lapsed.
type Judgement struct {
	State State
	// Lapsed is set when the sidecar holds an approval that no longer
	// matches the source text or the translation.
	Lapsed bool
	// SourceHash is goi18n's hash of the current source text.
	SourceHash string
}

// judge derives the state of a segment whose current source text is source,
// from its message in the target language's file (has is false when there
// is none) and what the sidecar keeps of it. It is the one place that says
// what missing, stale, translated and reviewed mean:
//
//   - missing: no message, an empty one, or one without a hash whose text
//     is still the source text (a half-done file is not a translation);
//   - stale: the message's hash names another source text;
//   - reviewed: the sidecar's approval names exactly this source text and
//     this translation;
//   - translated: otherwise. A message without a hash is taken as made for
//     the current source.
func judge(source string, m catalog.Message, has bool, sm catalog.SegmentMeta) Judgement {
	j := Judgement{State: Missing, SourceHash: catalog.Hash("", source)}
	switch {
	case !has || m.Empty():
		j.Lapsed = sm.Review != nil
		return j
	case m.Hash == "" && m.Other == source:
		j.Lapsed = sm.Review != nil
		return j
	case m.Hash != "" && m.Hash != j.SourceHash:
		j.State = Stale
	case sm.Review != nil && approves(sm.Review, j.SourceHash, m.Other):
		j.State = Reviewed
	default:
		j.State = Translated
	}
	j.Lapsed = sm.Review != nil && j.State != Reviewed
	return j
}

// approves reports whether an approval is of exactly this source (by its
// hash) and this translation.
func approves(r *catalog.Review, sourceHash, translation string) bool {
	return r.Source == sourceHash && r.Translation == catalog.TextHash(translation)
}

// madeFor returns the source text a translation with the given hash was
// made for, when the files know it: the current source, or the previous
// source the sidecar keeps; "" when neither.
func madeFor(hash, source string, sm catalog.SegmentMeta) string {
	switch {
	case hash == "" || hash == catalog.Hash("", source):
		return source
	case sm.Previous != "" && catalog.Hash("", sm.Previous) == hash:
		return sm.Previous
	}
	return ""
}
