// Package po reads and writes gettext PO files, the exchange format of
// Poedit-style editors, for tilmash's pull and push. It works on bytes
// and io.Writers only and knows nothing of workspaces or catalogs:
// package workflow builds a File from the pending segments and turns the
// File a translator sends back into catalog updates.
//
// A File is a Header and Entries. Each Entry carries gettext's fields:
// msgctxt (Context), msgid (ID), msgstr (Str), for plurals msgid_plural
// (Plural) and msgstr[N] (Strs), the "#|" previous fields that show a
// translator what changed in a stale source, the comments and the flags
// ("fuzzy"):
//
//	f := &po.File{
//		Header: po.Header{Language: "ru", PluralForms: po.PluralForms(language.Russian)},
//		Entries: []po.Entry{{
//			Flags:   []string{"fuzzy"},
//			PrevID:  "Last fall we wrote about it.",
//			Context: "p3.s2",
//			ID:      "Last fall, we wrote about <1>the TSO</1>.",
//			Str:     "Прошлой осенью мы писали об этом.",
//		}},
//	}
//	err := po.Write(w, f)
//
// Write lays the file out as gettext does, so msgfmt --check accepts it
// and msgcat leaves it unchanged. Parse reads what gettext and the
// editors write back:
//
//	f, err := po.Parse(data)
//	for _, e := range f.Entries {
//		if !e.Obsolete && !e.Fuzzy() && e.Str != "" { … }
//	}
//
// Parse reports every problem of the file as an ErrorList of *Error, each
// with its line and what to fix. PO strings are plain text; the tilmash
// placeholders in them ("<1>…</1>", "<2/>") are no concern of this
// package.
//
// Parse takes time linear in the size of the file: a string continued
// over any number of lines, any number of entries, comments or
// references (BenchmarkParse measures them).
package po
