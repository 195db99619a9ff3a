// Package workflow is the tilmash library: the workspace and the operations
// on it.
//
// A workspace is a folder with a tilmash.toml (found by walking up from the
// current directory, as git finds .git), source articles in articles/ and
// go-i18n message files in locales/<lang>/<slug>.<lang>.toml. Open loads
// it; the operations then work on what it read:
//
//	ws, err := workflow.Open(dir)
//	plan, err := ws.Sync(ctx, nil)          // re-segment, carry translations over
//	err = ws.Apply(plan)                    // write the changed files atomically
//	rows, err := ws.Status(workflow.Filter{}) // coverage per article and language
//
// The stages live in sub-packages, each with one job: article (front matter),
// segment (Markdown to segments and back), track (stable segment IDs),
// catalog (message files and sidecars), edition (finished editions) and
// page (HTML pages). Package workflow ties them together; it never prints
// and never reads flags.
package workflow
