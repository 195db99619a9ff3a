// Package serve is the translators' and editors' workbench in the browser
// (tilmash serve): an overview of the coverage of every article in every
// language, live; an editor page per article and language; and the JSON
// API both pages use, for scripts too.
//
// The workspace's files stay the only truth. The server keeps no copy of
// them: every request opens the workspace anew, reads under the shared
// lock and writes under the exclusive one, so the CLI and the server see
// each other's changes. A save is a push of one segment (workflow.Save):
// the same validation, the same conflict detection against the
// translation the save was based on, the same history.
//
// The API:
//
//	GET  /api/status                                       {"rows": [...]} as tilmash status --json
//	GET  /api/articles/{article}/{lang}/segments           every segment: id, source, translation, state, base, …
//	PUT  /api/articles/{article}/{lang}/segments/{id}      {"text", "base"} → 200 | 409 conflict | 422 invalid
//	POST /api/articles/{article}/{lang}/review             {"segments": [ids]} → approvals (editors)
//	POST /api/articles/{article}/{lang}/check              {"id", "text"} → findings, nothing written
//	GET  /api/articles/{article}/{lang}/segments/{id}/log  the segment's history (tilmash log)
//	GET  /api/events                                       server-sent events: "change" when the files change
//
// {article} is the article's name, URL-escaped (news%2F2024%2Ffloods).
//
// Access: without a users file there is one access token (Options.Token),
// printed by tilmash serve; the pages trade it (?token=…) for a session
// cookie (HttpOnly, SameSite=Strict) and API clients send it as
// "Authorization: Bearer …". With a users file (LoadUsers) people log in
// with a name and a password (argon2id or bcrypt hashes), and API clients
// may send a token whose SHA-256 the file holds. Every write needs the
// session's CSRF token (X-CSRF-Token) or a bearer token, and a role and
// language that allow it: translators write their languages, editors also
// approve. Responses carry a Content-Security-Policy without inline
// script; the pages put translations into the document as text only.
package serve
