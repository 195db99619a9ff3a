// Package xliff reads and writes XLIFF 2.0 documents, the exchange format
// of CAT tools, for tilmash's pull and push. It works on bytes and
// io.Writers only and knows nothing of workspaces or catalogs: package
// workflow builds a Document from the pending segments, and turns the
// Document a translator sends back into catalog updates.
//
// A Document holds one File per article and one Unit per segment. The
// text of a unit is tilmash placeholder text: "<N>…</N>" stands for
// paired Markdown markup (emphasis, a link around its text) and "<N/>"
// for standalone markup (a URL, inline code, an image, a line break).
// Write turns them into the inline elements <pc id="N"> and <ph id="N"/>,
// so that a CAT tool shows them as tags the translator can move but not
// break, and Read turns them back:
//
//	doc := &xliff.Document{SrcLang: "en", TrgLang: "kk", Files: []xliff.File{{
//		ID: "kazakhstan-turkey",
//		Units: []xliff.Unit{{
//			ID:     "p3.s2",
//			Codes:  []xliff.Code{{ID: "1", Open: "[", Close: "](https://golosislama.com/)", Paired: true}},
//			Source: "Last fall, we wrote about <1>the TSO</1>.",
//		}},
//	}}}
//	err := xliff.Write(w, doc) // <source>Last fall, we wrote about <pc id="1" …>the TSO</pc>.</source>
//
// The translator's tool fills in <target> and, often, state="translated".
// Read parses the file it returns:
//
//	doc, err := xliff.Read(data)
//	// doc.Files[0].Units[0].Target == "Өткен күзде біз <1>ТМҰ</1> туралы жаздық."
//
// Read checks the XLIFF 2.0 core rules that matter (namespace, version,
// languages, unique file, unit and inline ids, states, inline codes that
// pair up and nest, a target's codes present in the source) and returns
// every problem of the file as an ErrorList of *Error, each with its
// line, unit and a hint of what to fix. It tolerates what CAT tools add:
// module elements, groups, annotations, segments split in two.
//
// Read takes time linear in the size of the file, however it is cut up:
// text broken by any number of comments, processing instructions or CDATA
// sections, any number of units, segments, <mrk> and <pc> fragments or
// codes that close nothing (BenchmarkRead measures them).
package xliff
