package glossary

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

const tbx2 = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
 <text><body>
  <termEntry id="belarus">
   <langSet xml:lang="en"><tig><term>Belarus</term></tig></langSet>
   <langSet xml:lang="ru">
    <descrip type="definition">official usage</descrip>
    <tig><term>Беларусь</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>Республика Беларусь</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
    <tig><term>Белоруссия</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
 </body></text>
</martif>`

const tbx3 = `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="en"><termSec><term>Türkiye</term></termSec></langSec>
   <langSec xml:lang="tr"><termSec><term>Türkiye</term></termSec>
    <termSec><term>Türkiye Cumhuriyeti</term></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>`

func TestParseTBX(t *testing.T) {
	terms, err := ParseTBX("t.tbx", []byte(tbx2))
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) != 1 || terms[0].ID != "belarus" {
		t.Fatalf("terms = %+v", terms)
	}
	ru := terms[0].Langs[language.Russian]
	if ru.Form != "Беларусь" || strings.Join(ru.Also, ",") != "Республика Беларусь" || strings.Join(ru.Forbidden, ",") != "Белоруссия" || ru.Note != "official usage" {
		t.Errorf("ru = %+v", ru)
	}
	// What AppendTOML writes is a glossary the checks read.
	g, err := Parse("glossary.toml", AppendTOML(terms))
	if err != nil {
		t.Fatalf("%v\n%s", err, AppendTOML(terms))
	}
	if len(g.Terms) != 1 || g.Terms[0].Entry(language.Russian).Forbidden[0] != "Белоруссия" {
		t.Errorf("glossary = %+v", g.Terms)
	}
	terms, err = ParseTBX("t3.tbx", []byte(tbx3))
	if err != nil {
		t.Fatal(err)
	}
	if tr := terms[0].Langs[language.Turkish]; tr.Form != "Türkiye" || len(tr.Also) != 1 {
		t.Errorf("tr = %+v", tr)
	}
	if _, err := ParseTBX("bad.tbx", []byte("<martif><text>")); err == nil || !strings.Contains(err.Error(), "bad.tbx:1:") {
		t.Errorf("err = %v, want the file and line", err)
	}
}

func FuzzParseTBX(f *testing.F) {
	f.Add([]byte(tbx2))
	f.Add([]byte(tbx3))
	f.Fuzz(func(t *testing.T, data []byte) {
		terms, err := ParseTBX("f.tbx", data)
		if err != nil {
			return
		}
		_, _ = Parse("glossary.toml", AppendTOML(terms)) // must not panic
	})
}
