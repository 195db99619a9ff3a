// Package track gives segments stable IDs across edits of their article.
//
// Assign matches the segments of a new version of an article to those of the
// previous version, in three passes:
//
//  1. Same text: a segment whose text is unchanged keeps its ID, wherever it
//     moved. Identical sentences are matched in document order.
//  2. Edited text: the segments left over on both sides are compared only
//     within the same gap between matched neighbours (and the gaps next to
//     it), never all pairs, so the cost stays linear. A pair whose word
//     similarity (Dice coefficient over words) reaches Threshold is the same
//     segment, edited: it keeps its ID.
//  3. New text: the rest get a fresh ID made of the first words of the text
//     and a short hash, unique within the article.
//
// So editing one sentence changes no other ID; inserting, deleting or moving
// paragraphs changes none either.
package track
