// Package sentence finds the sentences of a block of plain text by the rules
// of its language: English, Russian, Kazakh and Turkish have rule tables of
// their own, and every other language gets generic rules.
//
// # Usage
//
// Make one Splitter per language and call Split for each block of text (a
// paragraph, heading, list item or table cell):
//
//	s := sentence.New(language.Russian)
//	for _, sp := range s.Split(text) {
//		fmt.Println(text[sp.Start:sp.End])
//	}
//
// Split returns byte offsets. Only white space lies between the spans, so
// the caller can rebuild the text exactly. Single newlines are white space.
// The text may carry placeholders for Markdown markup: <N> (opening), </N>
// (closing) and <N/> (standalone: a link URL, inline code). No span edge
// falls inside one. A </N> right after the end of a sentence stays with that
// sentence ("<1>Hello.</1>"); an <N> after white space opens the next one;
// <N/> counts as a word. Invalid UTF-8 never makes Split panic: bad bytes
// count as ordinary characters that are not white space.
//
// # How a sentence ends
//
// Split makes a single forward scan with table lookups. A candidate boundary
// is a run of terminators (". ! ? …", "?!", "?..", "...", ". . .") together
// with the closing quotes, brackets and </N> right after it. The candidate
// ends the sentence only if white space follows. The exceptions are the
// Chinese and Japanese stops ("。"), which need none. So "example.com",
// "3.5", "15.05.2023", "v1.2.3", "main.go", "a.b@example.kz" and
// "https://example.com/a.b?c=d.e" are never cut. The first word after the
// white space, past opening quotes, brackets, dashes and <N>, then decides:
//
//   - A small letter never starts a sentence: "etc. and", "Yahoo! in",
//     "«Куда?» — спросил он", "15. yüzyıl".
//   - "?" and "!" end a sentence before anything else, except a quotation
//     followed by a name and a verb from [attribution]: “Why now?” Tokayev
//     asked.
//   - An ellipsis joined to a word ends a sentence only before a capital:
//     "January… Because". Three dots set off by spaces on both sides
//     ("is . . . I") mark words left out inside a sentence and end nothing.
//     Four dots are an ellipsis plus a full stop.
//   - A full stop after a closing quote or bracket ends a sentence:
//     “He left.” She said. / (See above.) Next / «Он ушёл». Потом.
//   - A full stop after an abbreviation follows the abbreviation's class (see
//     below).
//   - A single capital letter is an initial: "J. R. R. Tolkien",
//     "К. Токаев". It ends a sentence only before a sentence starter of two
//     letters or more: "vitamin B. It is". Letters listed under [initials]
//     are words too. They are initials only after a capitalised word:
//     "Albert I. Jones" against "you and I. Did".
//   - Letters joined by periods ("U.N.", "E.U.", "Қ.-Ж.") that no list
//     names act like the "starter" class.
//   - An item number of an inline list is not the end of a sentence:
//     "1. The first item 2. The second item", "Steps: 1. Open the file."
//     The number must open the sentence, follow a colon or a bullet, or come
//     right after the previous number. Items end only where punctuation ends
//     them.
//   - A number may be an ordinal. [ordinals] sets this per language, as in
//     Turkish "1. Dünya Savaşı", "II. Abdülhamid".
//   - Anything else after a full stop starts a new sentence: a capital,
//     a digit, a letter with no case, a symbol.
//
// # Rule files
//
// The rules are data: rules/generic.toml, plus one file per language named
// after its base language (rules/en.toml, rules/ru.toml, rules/kk.toml,
// rules/tr.toml). The files are embedded in the binary. New picks the file
// by the base language of the tag, so "en-GB" uses en.toml. The generic file
// is read first and the language file adds to it. An abbreviation that both
// files list takes the language file's class. A language with no file uses
// the generic file alone; HasRules tells a caller whether a tag has a file
// of its own, so that it can warn its user. A rule file has these tables;
// every key may be left out:
//
//	language = "Russian"            # the language's name, for people
//
//	[punctuation]                   # single characters; generic.toml sets them
//	full_stops = ["."]
//	strong     = ["!", "?"]         # end a sentence before anything but a small letter
//	ellipses   = ["…"]
//	unspaced   = ["。"]             # end a sentence even with no space after
//	closers    = ["»", ")", "”"]    # stay with the sentence they close
//	openers    = ["«", "(", "—"]    # skipped when looking at the next word
//	bullets    = ["•"]              # list bullets
//
//	[abbreviations]                 # written as in text, the final period optional
//	never        = ["т. е.", "ул."] # never end a sentence
//	number       = ["стр."]         # not before a number ("стр. 5"), else like a word
//	capital      = ["т. д."]        # end a sentence only before a capital
//	starter      = ["им."]          # end one only before a sentence starter
//	after_number = ["г.", "см."]    # after a number like capital, else like never
//
//	[sentence_starters]             # capitalised words that often open a sentence
//	words = ["Он", "Это", "Но"]
//
//	[initials]                      # capital letters that are words too
//	words = ["I"]
//
//	[attribution]                   # verbs of saying, in small letters
//	words = ["said", "asked"]       # “Why?” Tokayev asked. is one sentence
//
//	[joining]                       # small words no heading ends with
//	words = ["the", "and"]          # plain text: "met the\nPresident" goes on
//
//	[items]
//	letters = "абвгд"               # lettered items in order: "а) … б) …" (a–z always)
//
//	[ordinals]
//	roman   = true                  # "II." is an ordinal; ends a sentence only before a starter
//	numbers = true                  # "12." too (Turkish)
//	nouns   = ["Dünya"]             # after "N." these words mean an ordinal ("Madde" covers "Maddesi")
//
// Spaces inside an abbreviation do not matter: "т. е." also matches "т.е."
// and "т.<no-break space>е.". An abbreviation of two or more letters written
// in small letters also matches its capitalised and upper-case forms
// ("p.m." matches "P.M.", "см." matches "См."). One written with capitals
// matches only as written, and so does a single letter: the initial "Г." is
// not the abbreviation "г.". An abbreviation of several words ("Ltd. Şti.",
// "Prof. Dr.", "долл. США") keeps its words together: no boundary falls
// between them. Its last word may have no period of its own ("США").
//
// Choosing the class:
//
//   - never: titles and words that always introduce more text: "Mr.", "Dr.",
//     "e.g.", "т. е.", "ул.", "Sn.", "bkz.".
//   - number: labels before a number that can also end a sentence: "No.",
//     "p.", "стр.".
//   - capital: "etc." and the like, which end a sentence as often as not.
//     A small letter or a number after them continues the sentence, a
//     capital starts a new one.
//   - starter: abbreviations often followed by a proper noun: "U.S.",
//     "Inc.", "St.", "им.", "A.Ş.". They end a sentence only before a word
//     from [sentence_starters] ("U.S. Government" goes on, "U.S. How" ends).
//   - after_number: units and years after a number ("20 см. Движение",
//     "в 2023 г. В январе") that mean something else elsewhere ("см. ниже",
//     "г. Алматы"). A number that starts the sentence, alone or after a
//     sentence starter, never ends it: "В 2023 г. Москва…" goes on.
//
// # Adding an abbreviation
//
// Put it in the right list of the language's file, with its final period
// ("напр."). Add a case to testdata/golden/<lang>.toml that shows it both
// inside a sentence and, if it can, at the end of one. Then run
// go test ./workflow/segment/sentence/. TestRuleFiles rejects bad entries and
// TestRuleFilesNoDuplicates rejects entries listed twice.
//
// # Adding a language
//
// Create rules/<base>.toml, named after the base language's BCP 47 code (for
// example uz.toml for Uzbek), with at least its abbreviations and sentence
// starters. Add testdata/golden/<base>.toml with its hard cases, and add the
// code to goldenLanguages in sentence_test.go. No Go code changes: New finds
// the file by name.
//
// # Limits
//
// The rules are heuristics over one block of text with no dictionary. A
// sentence that starts with a small letter ("iPhone sales rose") is not
// split from the one before. An unknown abbreviation before a capital is
// taken as the end of a sentence. A full stop with no space after it never
// ends a sentence ("world.Today"). The classes trade a few missed boundaries
// for fewer false ones, because a sentence cut in two is harder to translate
// than two sentences left together.
package sentence
