// Package glossary reads a workspace's terminology (glossary.toml) and
// checks translations against it: a term of the source translated
// otherwise than the glossary says, a forbidden variant used, a
// do-not-translate term changed. It is pure: it reads no files (package
// workflow finds glossary.toml and the texts) and knows nothing of
// catalogs or segments.
//
// # The file
//
// glossary.toml, at the root of the workspace, is a list of terms. Each
// term has a table per language, named by its BCP 47 tag, and may have a
// note and an ID:
//
//	[[term]]
//	id = "belarus"                 # optional; names the term in messages
//	note = "the country"           # optional; for every language
//
//	[term.en]
//	form = "Belarus"
//
//	[term.ru]
//	form = "Беларусь"                          # the required translation
//	also = ["Республика Беларусь"]             # other accepted forms (optional)
//	forbidden = ["Белоруссия", "Беларуссия"]   # variants that must not be used
//	note = "official usage in Kazakhstan and Belarus"
//
//	[term.tr]
//	form = "Belarus"
//	forbidden = ["Beyaz Rusya"]
//
// A language's table may be written inline (ru = { form = "…" }) or as a
// string when it only gives the form (ru = "Беларусь"). Its keys:
//
//	form              the required form in the language (a word or a phrase)
//	also              further accepted forms: abbreviations, full names
//	forbidden         variants that must not appear in the language
//	do_not_translate  true: the term stays as the source writes it (a
//	                  brand, a domain, an abbreviation kept); form may then
//	                  be left out, and forbidden still applies
//	note              what a translator should know: shown by pulls and
//	                  in messages
//
// do_not_translate = true on the term itself (beside id and note) applies
// to every language that does not say otherwise. Every term needs at least
// one language with a form or do_not_translate.
//
// # Matching
//
// Texts and forms are cut into words (runs of letters, digits and marks;
// an apostrophe, a hyphen, a space or any other character ends a word).
// A form matches where its words follow each other in the text, with the
// same kind of separator between them: white space (any, no-break spaces
// too) for white space, a hyphen for a hyphen, the same punctuation for
// other punctuation. Words are compared case-folded with the language's
// rules (x/text/cases: Turkish and Azerbaijani fold I to ı and İ to i),
// and Russian ё is read as е.
//
// A word of the form matches a word of the text that starts with the
// form word's stem and goes on for at most a few more letters, its
// ending, so that inflected forms match:
//
//	ru (also uk, be)  the stem is the word without its final vowels, ь
//	                  and й (at most two letters, leaving at least three):
//	                  Беларусь → Беларус- matches Беларуси; Москва →
//	                  Москв- matches Москвы, Москве; endings of up to 4 letters
//	kk, tr, az        the stem is the word (agglutinative: suffixes are
//	                  added) and a final voiceless consonant may soften
//	                  (kk к→г, қ→ғ, п→б; tr/az p→b, ç→c, t→d, k→ğ):
//	                  Тоқаев matches Тоқаевтың, Türkiye matches Türkiyenin;
//	                  endings of up to 12 letters. A Turkish suffix after
//	                  an apostrophe (Tokayev’in) is a word of its own.
//	en and others     the word itself, or with -s or -es
//
// Words of three letters or fewer (abbreviations such as ДНР, FSB) match
// only themselves.
//
// A forbidden variant that differs from an accepted form only in letter
// case (кремль beside Кремль) is matched case-sensitively, and not at the
// start of a sentence when only its first letter differs. A forbidden
// variant found inside an accepted form (Түркістан inside тарихи
// Түркістан) is not reported. do_not_translate terms are matched
// case-sensitively.
//
// # Checks
//
// Check compares a source text with its translation and returns
// violations, each with a stable check name:
//
//	term              a term of the source is not in the translation in any
//	                  of its accepted forms
//	forbidden-term    a forbidden variant is in the translation (reported
//	                  whether or not the source has the term; the term
//	                  check then stays silent for that term)
//	do-not-translate  a do-not-translate term of the source is not in the
//	                  translation as the source writes it
package glossary
