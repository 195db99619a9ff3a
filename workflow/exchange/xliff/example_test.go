package xliff_test

import (
	"fmt"
	"os"

	"github.com/tilmash/tilmash/workflow/exchange/xliff"
)

func ExampleWrite() {
	doc := &xliff.Document{
		SrcLang: "en",
		TrgLang: "kk",
		Files: []xliff.File{{
			ID: "kazakhstan-turkey",
			Units: []xliff.Unit{{
				ID:     "p3.s2",
				Notes:  []xliff.Note{{Category: "context", Text: "Now to these specific aspects."}},
				Codes:  []xliff.Code{{ID: "1", Open: "[", Close: "](https://golosislama.com/)", Paired: true}},
				Source: "Last fall, we wrote about <1>the TSO</1>.",
			}},
		}},
	}
	if err := xliff.Write(os.Stdout, doc); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="kk">
	//   <file id="kazakhstan-turkey">
	//     <unit id="p3.s2">
	//       <notes>
	//         <note category="context">Now to these specific aspects.</note>
	//       </notes>
	//       <originalData>
	//         <data id="d1">[</data>
	//         <data id="d1-end">](https://golosislama.com/)</data>
	//       </originalData>
	//       <segment>
	//         <source>Last fall, we wrote about <pc id="1" dataRefStart="d1" dataRefEnd="d1-end">the TSO</pc>.</source>
	//       </segment>
	//     </unit>
	//   </file>
	// </xliff>
}

func ExampleRead() {
	data := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="kk">
  <file id="kazakhstan-turkey">
    <unit id="p3.s2">
      <segment state="translated">
        <source>Last fall, we wrote about <pc id="1">the TSO</pc>.</source>
        <target>Өткен күзде біз <pc id="1">ТМҰ</pc> туралы жаздық.</target>
      </segment>
    </unit>
  </file>
</xliff>
`)
	doc, err := xliff.Read(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range doc.Files {
		for _, u := range f.Units {
			fmt.Printf("%s/%s (line %d, %s): %s\n", f.ID, u.ID, u.Line, u.State, u.Target)
		}
	}

	// A broken file: every problem is reported with its line.
	_, err = xliff.Read([]byte(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="kk">
<file id="a"><unit id="u"><segment state="done">
<source><ph id="1"/></source><target><ph id="2"/></target>
</segment></unit></file></xliff>`))
	fmt.Println(err)
	// Output:
	// kazakhstan-turkey/p3.s2 (line 4, translated): Өткен күзде біз <1>ТМҰ</1> туралы жаздық.
	// line 2: unit "u": state "done" is not one of initial, translated, reviewed, final
	// line 3: unit "u": <ph id="2"> in <target> has no counterpart in <source>
}
