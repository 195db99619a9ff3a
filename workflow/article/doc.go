// Package article reads source articles as static-site generators keep them,
// Hugo's content/ and Jekyll's _posts/: Markdown with YAML front matter
// between "---" lines or TOML front matter between "+++" lines, and writes
// the front matter of their editions in the same format.
//
//	---
//	title: "Kazakhstan-Turkey: new steps and old risks of Tokayev?"
//	lang: en
//	date: 2022-05-16T09:30:00+06:00
//	tags: [politics, turkey]
//	description: What the visit changed.
//	params:
//	  featured: true
//	---
//
//	The body, in Markdown.
//
// # Reading
//
// Parse (or Options.Parse) splits the file, after an optional byte order mark
// and with CRLF or LF lines, into front matter and body. It understands the
// keys Hugo and Jekyll share: title, lang, date and lastmod (a day, a local
// date-time or an RFC 3339 date-time, quoted or not), draft, tags,
// categories, slug, translationKey, aliases, author, authors, weight,
// description, summary and source. Known keys match in any case, as Hugo
// matches them. A value of the wrong type is an error naming the file, the
// line and the key, and saying how to write it. Every other key is kept, in
// order and as written, in Meta.Extra: never refused.
//
// A file must give a title. The source language is the lang key, else the
// language in a Hugo file name (floods.ru.md, if Options.Langs has ru), else
// Options.DefaultLang; Article.LangFrom says which. A Jekyll post's file name
// (2024-05-01-floods.md) gives the date when there is no date key.
//
//	a, err := article.Options{Name: "news/2024/05/floods", Langs: langs, DefaultLang: language.English}.Parse(path, data)
//	// a.Title, a.Lang, a.Date, a.Tags, a.Extra…; a.Body() is the Markdown.
//
// An article's name is its path below the articles folder; NameOf computes it
// from that path (news/2024/05/floods.md, news/2024/05/floods.ru.md and the
// page bundle news/2024/05/floods/index.md are all news/2024/05/floods).
//
// # Writing editions
//
// Article.FrontMatter writes an edition's front matter: the source's keys,
// lines and comments as written, with the keys given replaced where they
// stand or added after the others. YAML stays YAML and TOML stays TOML.
//
//	fm, err := a.FrontMatter(
//		article.Set{Key: "title", Value: translatedTitle},
//		article.Set{Key: "description", Value: translatedDescription},
//		article.Set{Key: "lang", Value: "ru"},
//		article.Set{Key: "translationKey", Value: a.Name},
//		article.Set{Key: "aliases", Value: nil}, // removed
//	)
//	edition := append(fm, translatedBody...)
//
// With no Set, FrontMatter gives front matter that reads back as the same
// Meta.
package article
