package glossary

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// shipped reads the repository's glossary.
func shipped(t *testing.T) *Glossary {
	t.Helper()
	data, err := os.ReadFile("../../" + FileName)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse(FileName, data)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestCheckShipped(t *testing.T) {
	g := shipped(t)
	en := language.English
	ru, kk, tr := language.Russian, language.Kazakh, language.Turkish
	tests := []struct {
		name        string
		source      string
		translation string
		lang        language.Tag
		want        []string // check:term ID, in order
	}{
		{"ru Belarus", "Of course, it is not the same as Lukashenko’s Belarus either.",
			"Конечно, но и на Белоруссию Лукашенко он не похож.", ru, []string{"forbidden-term:belarus"}},
		{"ru Belarus ok", "Of course, it is not the same as Lukashenko’s Belarus either.",
			"Конечно, но и на Беларусь Лукашенко он не похож.", ru, nil},
		{"ru belarusian adjective is no variant", "Lukashenko’s Belarus.",
			"Беларусь Лукашенко, белорусский президент, и белорусы.", ru, nil},
		{"tr işbirliği", "That is why it is important for Turkestan-Turkish cooperation to gain momentum.",
			"Bu nedenle Türkistan-Türkiye işbirliğinin ivme kazanması önem taşıyor.", tr, []string{"forbidden-term:cooperation"}},
		{"tr iş birliği", "That is why it is important for Turkestan-Turkish cooperation to gain momentum.",
			"Bu nedenle Türkistan-Türkiye iş birliğinin ivme kazanması önem taşıyor.", tr, nil},
		{"tr capital İ folds to i", "the Interior Ministry",
			"İÇİŞLERİ BAKANLIĞI", tr, nil},
		{"kk CSTO not spelled out", "Tokayev called on the CSTO troops.",
			"Тоқаев ҰҚШҰ әскерлерін шақырды.", kk, []string{"term:csto"}},
		{"kk bare Turkestan", "That is why Turkestan-Turkish cooperation matters.",
			"Сондықтан Түркістан мен Түркия ынтымақтастығының қарқын алуы маңызды.", kk, []string{"forbidden-term:turkestan"}},
		{"kk historical Turkestan", "That is why Turkestan-Turkish cooperation matters.",
			"Сондықтан тарихи Түркістан (Орталық Азия) мен Түркия арасындағы ынтымақтастықтың қарқын алуы маңызды.", kk, nil},
		{"kk Аллах is not Алла inflected", "Thanks to Allah.", "Аллахқа шүкір.", kk, []string{"forbidden-term:allah"}},
		{"kk Алла inflected", "Thanks to Allah.", "Аллаға шүкір.", kk, nil},
		{"tr Litvanya is not Litva", "allies such as Poland and Lithuania", "Polonya ve Litvanya gibi müttefikler", tr, nil},
		{"tr Litva", "allies such as Poland and Lithuania", "Polonya ve Litva gibi müttefikler", tr, []string{"forbidden-term:lithuania"}},
		{"ru case at sentence start", "President Tokayev said.", "Президент Токаев сказал.", ru, nil},
		{"ru case inside", "Then President Tokayev said.", "Затем Президент Токаев сказал.", ru, []string{"forbidden-term:president-tokayev"}},
		{"ru kremlin lower case", "The Kremlin.", "Хватка кремля.", ru, []string{"forbidden-term:kremlin"}},
		{"ru inflected", "Kazakhstan’s dependence on Moscow and its rapprochement with Turkey",
			"зависимости Казахстана от Москвы и к его сближению с Турцией", ru, nil},
		{"tr do not translate", "the FSB and so on", "FSB’nin", tr, nil},
		{"tr do not translate changed", "the FSB and so on", "Federal Güvenlik Servisi", tr, []string{"do-not-translate:fsb"}},
		{"tr apostrophe suffix", "Tokayev’s steps", "Tokayev’in adımları", tr, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, v := range g.Check(tc.source, en, tc.translation, tc.lang) {
				got = append(got, v.Check+":"+v.Term.ID)
				if !strings.Contains(v.Message, "glossary.toml:") {
					t.Errorf("message names no line: %s", v.Message)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("got %v, want %v", got, tc.want)
				for _, v := range g.Check(tc.source, en, tc.translation, tc.lang) {
					t.Log(v.Message)
				}
			}
		})
	}
}

func TestMessages(t *testing.T) {
	g := shipped(t)
	vs := g.Check("Lukashenko’s Belarus.", language.English, "Белоруссия Лукашенко.", language.Russian)
	if len(vs) != 1 {
		t.Fatalf("%+v", vs)
	}
	want := "«Белоруссия» is a forbidden variant of belarus (glossary.toml:"
	if !strings.HasPrefix(vs[0].Message, want) || !strings.Contains(vs[0].Message, "write «Беларусь»") || vs[0].Found != "Белоруссия" {
		t.Errorf("message %q, want it to start %q", vs[0].Message, want)
	}
	vs = g.Check("Tokayev called on the CSTO troops.", language.English, "Tokayev KGAÖ birliklerini çağırdı.", language.Turkish)
	if len(vs) != 1 || !strings.HasPrefix(vs[0].Message, `"CSTO" is “Kolektif Güvenlik Antlaşması Örgütü” in tr (glossary.toml:`) {
		t.Errorf("%+v", vs)
	}
}

func TestIn(t *testing.T) {
	g := shipped(t)
	var ids []string
	for _, o := range g.In("Kazakhstan’s President Kassym-Jomart Tokayev visited Turkey.", language.English) {
		ids = append(ids, o.Term.ID+"="+o.Text)
	}
	want := "kassym-jomart-tokayev=Kassym-Jomart Tokayev tokayev=Tokayev president-of-kazakhstan=Kazakhstan’s President kazakhstan=Kazakhstan turkey=Turkey"
	if strings.Join(ids, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(ids, " "), want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		doc  string
		line int
		msg  string
	}{
		{"[[term]]\nen = \"a\"\n[term.ru]\nform = \"б\"\nforbiden = [\"в\"]\n", 5, `unknown key "forbiden"`},
		{"title = \"x\"\n", 1, `unknown key "title"`},
		{"[[term]]\nen = \"a\"\n\n[[term]]\nnote = \"n\"\n", 4, "no languages"},
		{"[[term]]\nen = \"a\"\nxx-notatag-toolong = \"b\"\n", 3, "neither a language tag"},
		{"[[term]]\nen = \"a\"\nru = { form = \"б\", forbidden = [\"б\"] }\n", 3, "both accepted and forbidden"},
		{"[[term]]\nen = \"a\"\nru = 3\n", 3, "must be a table"},
		{"[[term]]\nen = \"a\"\n[term.ru]\nalso = \"б\"\n", 4, "must be a list"},
		{"[[term]\n", 1, ""},
	}
	for _, tc := range tests {
		_, err := Parse("g.toml", []byte(tc.doc))
		var ge *Error
		if !errors.As(err, &ge) {
			t.Errorf("%q: error %v, want a glossary Error", tc.doc, err)
			continue
		}
		if ge.Line != tc.line || !strings.Contains(ge.Msg, tc.msg) || !strings.HasPrefix(err.Error(), "g.toml:") {
			t.Errorf("%q: %v (line %d), want line %d and %q", tc.doc, err, ge.Line, tc.line, tc.msg)
		}
	}
}

func TestStems(t *testing.T) {
	tests := []struct {
		lang      language.Tag
		form, txt string
		want      bool
	}{
		{language.Russian, "Беларусь", "Беларуси", true},
		{language.Russian, "Россия", "Россией", true},
		{language.Russian, "Белоруссия", "белорусский", false},
		{language.Russian, "тюркские государства", "тюркских государств", true},
		{language.Russian, "ДНР", "ДНРовский", false},
		{language.Russian, "ёлка", "Елки", true},
		{language.Kazakh, "Тоқаев", "Тоқаевтың", true},
		{language.Kazakh, "ынтымақтастық", "ынтымақтастығы", true},
		{language.Turkish, "iş birliği", "İŞ BİRLİĞİNİN", true},
		{language.Turkish, "Kazakistan", "KAZAKISTAN", false}, // I is ı in Turkish
		{language.English, "Kazakh", "Kazakhstan", false},
		{language.English, "Russia", "Russian", false},
		{language.English, "Turkic state", "Turkic states", true},
		{language.English, "Kassym-Jomart", "Kassym Jomart", false},
	}
	for _, tc := range tests {
		got := len(newText(tc.txt, tc.lang).find(compile(tc.form, tc.lang, false))) > 0
		if got != tc.want {
			t.Errorf("%s: %q in %q: %v, want %v", tc.lang, tc.form, tc.txt, got, tc.want)
		}
	}
}
