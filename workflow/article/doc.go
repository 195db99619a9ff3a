// Package article reads source articles: Markdown with TOML front matter
// between "+++" lines.
//
//	+++
//	title = "Kazakhstan-Turkey: new steps and old risks of Tokayev?"
//	lang = "en"
//	date = 2022-05-16
//	author = "…"
//	source = "https://…"
//	+++
//
//	The body, in Markdown.
//
// The front matter must give title and lang; date, author and source are
// optional. Parse checks the keys and the language tag, and reports errors
// with the file and line.
package article
