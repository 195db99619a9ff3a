package check

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/segment"
)

var (
	en = language.English
	ru = language.Russian
	kk = language.Kazakh
	tr = language.Turkish
)

// translationTests are pairs and the checks they should fail, in order.
// Where a case names msg, some problem's message must hold it.
var translationTests = []struct {
	name       string
	from, to   language.Tag
	source, tr string
	template   bool
	codes      []segment.Code
	want       []string
	msg        string
}{
	// The shipped sample's kinds of sentences pass.
	{name: "sample ru", from: en, to: ru,
		source: "Kazakhstan-Turkey: new steps and old risks of Tokayev?",
		tr:     "Казахстан — Турция: новые шаги и старые риски Токаева?"},
	{name: "sample kk autolink", from: en, to: kk,
		source: "However, the events of the beginning of this year made us strongly criticize him as a Moscow puppet (<1/>).",
		tr:     "Алайда биылғы жылдың басындағы оқиғалар бізді оны Мәскеудің қуыршағы ретінде қатаң сынауға мәжбүр етті (<1/>)."},
	{name: "sample tr ellipsis", from: en, to: tr,
		source: "However, we must not forget the events of January…",
		tr:     "Ancak ocak ayındaki olayları da unutmamalıyız…"},

	// empty
	{name: "empty ru spaces", from: en, to: ru, source: "Hello, world.", tr: "   ", want: []string{Empty}},
	{name: "empty tr no-break space", from: en, to: tr, source: "Hello.", tr: "\u00a0\n", want: []string{Empty}},

	// placeholders
	{name: "placeholders kept ru", from: en, to: ru,
		source: "Read <1>the report</1> of <2/>.", tr: "Прочтите <1>доклад</1> <2/>."},
	{name: "placeholders lost ru", from: en, to: ru,
		source: "Read <1>the report</1>.", tr: "Прочтите доклад.",
		want: []string{Placeholders}, msg: "<1>…</1> is missing: put it back"},
	{name: "placeholders lost kk, markup known", from: en, to: kk,
		source: "See <1/>.", tr: "Қараңыз.", codes: []segment.Code{{ID: 1, Open: "`go test`"}},
		want: []string{Placeholders}, msg: "it stands for `go test`"},
	{name: "placeholders misnested kk", from: en, to: kk,
		source: "<1>a <2>b</2></1> c", tr: "<1>а <2>ә</1></2> в",
		want: []string{Placeholders, Placeholders}, msg: "closes nothing open here"},
	{name: "placeholders added tr", from: en, to: tr,
		source: "Plain text here.", tr: "Düz <2/> metin burada.",
		want: []string{Placeholders}, msg: "<2/> is not in the source"},
	{name: "placeholders doubled tr", from: en, to: tr,
		source: "Call <1/> now.", tr: "<1/> şimdi <1/> arayın.",
		want: []string{Placeholders}, msg: "more than once"},

	// urls
	{name: "url kept ru", from: en, to: ru,
		source: "See https://example.com/a?b=1&c=(2).", tr: "См. https://example.com/a?b=1&c=(2)."},
	{name: "url localised kk", from: en, to: kk,
		source: "Read https://example.com/en/story for details.", tr: "Толығырақ: https://example.com/kk/story.",
		want: []string{URLs}, msg: "https://example.com/en/story"},
	{name: "url with Turkish suffix tr", from: en, to: tr,
		source: "It was first published on https://golosislama.com.", tr: "İlk olarak https://golosislama.com'da yayımlandı."},
	{name: "url www in parentheses ru", from: en, to: ru,
		source: "The site (www.akorda.kz) says so.", tr: "Так сказано на сайте (www.akorda.kz)."},
	{name: "email kept tr", from: en, to: tr,
		source: "Write to news@example.kz.", tr: "news@example.kz adresine yazın."},
	{name: "email lost ru", from: en, to: ru,
		source: "Write to news@example.kz.", tr: "Пишите нам на почту.",
		want: []string{URLs}, msg: "e-mail address news@example.kz"},
	{name: "url digits are not numbers kk", from: en, to: kk,
		source: "See https://example.com/news?id=40268.", tr: "Қараңыз: https://example.com/news?id=40268."},

	// numbers
	{name: "thousands ru no-break space", from: en, to: ru, source: "About 1,000 people came.", tr: "Пришли около 1\u00a0000 человек."},
	{name: "thousands tr dot", from: en, to: tr, source: "About 1,000 people came.", tr: "Yaklaşık 1.000 kişi geldi."},
	{name: "thousands kk space", from: en, to: kk, source: "It cost 25,000,000 tenge.", tr: "Ол 25 000 000 теңге тұрды."},
	{name: "decimal comma ru", from: en, to: ru, source: "Growth was 3.5 percent.", tr: "Рост составил 3,5 процента."},
	{name: "grouped decimal ru", from: en, to: ru, source: "It is 1,234.5 km long.", tr: "Его длина — 1 234,5 км."},
	{name: "percent first tr", from: en, to: tr, source: "Prices rose by 5%.", tr: "Fiyatlar %5 arttı."},
	{name: "date ru to en", from: ru, to: en, source: "Встреча прошла 24.11.2023.", tr: "The meeting took place on 11/24/2023."},
	{name: "date in words and digits kk", from: en, to: kk, source: "It happened on November 24, 2023.", tr: "Бұл 24.11.2023 болды."},
	{name: "time tr", from: en, to: tr, source: "The talks began at 17:30.", tr: "Görüşmeler 17.30'da başladı."},
	{name: "model number ru", from: en, to: ru, source: "COVID-19 and Su-35 jets.", tr: "COVID-19 и истребители Су-35."},
	{name: "number changed kk", from: en, to: kk,
		source: "In 2022, 15 people were detained.", tr: "2022 жылы 14 адам ұсталды.",
		want: []string{Numbers}, msg: "the number 15"},
	{name: "number written out kk", from: en, to: kk,
		source: "The 2 states signed it.", tr: "Екі мемлекет қол қойды.",
		want: []string{Numbers}, msg: "wrote it out in words"},
	{name: "number kept twice ru", from: en, to: ru,
		source: "It went 5 to 5.", tr: "Счёт — 5:5.", want: nil},
	{name: "number dropped once tr", from: en, to: tr,
		source: "Votes: 5 for and 5 against.", tr: "Oylar: 5 evet.",
		want: []string{Numbers}},
	{name: "ambiguous 1,000 does not steal a match ru", from: en, to: ru,
		source: "Of 1,000 votes, 1 was void.", tr: "Из 1 000 голосов 1 недействителен."},
	{name: "ambiguous 1.000 rematched tr", from: en, to: tr,
		source: "Only 1 of 1000 votes was void.", tr: "1.000 oydan yalnızca 1 tanesi geçersizdi."},

	// untranslated
	{name: "untranslated ru", from: en, to: ru,
		source: "And for that I thank you.", tr: "And for that I thank you.", want: []string{Untranslated}},
	{name: "untranslated kk with markup", from: en, to: kk,
		source: "This is <1>not</1> translated at all.", tr: "This is <1>not</1> translated at all.", want: []string{Untranslated}},
	{name: "same name tr", from: en, to: tr,
		source: "Recep Tayyip Erdoğan", tr: "Recep Tayyip Erdoğan"},
	{name: "same short phrase kk", from: en, to: kk, source: "Instagram post", tr: "Instagram post"},
	{name: "same acronyms ru", from: en, to: ru, source: "NATO, OSCE, UN.", tr: "NATO, OSCE, UN."},

	// whitespace
	{name: "leading space ru", from: en, to: ru, source: "Text.", tr: " Текст.", want: []string{Whitespace}, msg: "starts with white space"},
	{name: "trailing space kk", from: en, to: kk, source: "Text.", tr: "Мәтін. ", want: []string{Whitespace}, msg: "ends with white space"},
	{name: "double space tr", from: en, to: tr, source: "Two words.", tr: "İki  kelime.", want: []string{Whitespace}, msg: `after "İki"`},
	{name: "double space kept from source ru", from: en, to: ru, source: "One.  Two.", tr: "Один.  Два."},
	{name: "no-break spaces are fine kk", from: en, to: kk, source: "It is 5 km.", tr: "Бұл 5\u00a0км."},

	// punctuation
	{name: "question lost ru", from: en, to: ru, source: "Will he come?", tr: "Он придёт.", want: []string{Punctuation}, msg: "question mark"},
	{name: "exclamation lost kk", from: en, to: kk, source: "Stop the war!", tr: "Соғысты тоқтатыңдар.", want: []string{Punctuation}},
	{name: "ellipsis three dots tr", from: en, to: tr, source: "And then…", tr: "Ve sonra..."},
	{name: "closing quotes ignored ru", from: en, to: ru, source: "He asked: “Why?”", tr: "Он спросил: «Почему?»"},
	{name: "quote then period kk", from: en, to: kk, source: "He said “no”.", tr: "Ол «жоқ» деді."},
	{name: "interrobang ru to en", from: ru, to: en, source: "Как это возможно?!", tr: "How is this possible?"},
	{name: "ends with placeholder tr", from: en, to: tr, source: "Read more: <1>here</1>", tr: "Devamı: <1>burada</1>"},
	{name: "heading without period kk", from: en, to: kk, source: "New steps", tr: "Жаңа қадамдар.",
		want: []string{Punctuation}, msg: "ends with no punctuation"},
	{name: "colon ru", from: en, to: ru, source: "They agreed on three things:", tr: "Они договорились о трёх вещах.",
		want: []string{Punctuation}, msg: "a colon (:)"},

	// unbalanced
	{name: "bracket not closed ru", from: en, to: ru,
		source: "The Turkic States Organization (TSO) met.", tr: "Организация тюркских государств (ОТГ собралась.",
		want: []string{Unbalanced}, msg: "( is never closed"},
	{name: "guillemets for curly quotes kk", from: en, to: kk, source: "The “miracle” saved it.", tr: "Оны «ғажайып» құтқарды."},
	{name: "guillemet not closed ru", from: en, to: ru, source: "The “miracle” saved it.", tr: "Его спасло «чудо.",
		want: []string{Unbalanced}, msg: "« is never closed"},
	{name: "quote spans segments tr", from: en, to: tr, source: "“He said it.", tr: "“Bunu söyledi."},
	{name: "inner quotes ru", from: en, to: ru, source: "“He said ‘no’,” she wrote.", tr: "«Он сказал „нет“», — написала она."},
	{name: "reversed guillemets", from: en, to: ru, source: "The “miracle”.", tr: "Das »Wunder«."},
	{name: "misnested brackets tr", from: en, to: tr, source: "A (b [c] d) e.", tr: "A (b [c) d] e.",
		want: []string{Unbalanced}, msg: ") closes ["},
	{name: "curly quote odd tr", from: en, to: tr, source: "The “miracle” came.", tr: "“Mucize geldi.",
		want: []string{Unbalanced}, msg: "curly quote"},

	// typography
	{name: "straight quotes ru", from: en, to: ru, source: "The “miracle” came.", tr: `Пришло "чудо".`,
		want: []string{Typography}, msg: "Russian uses «…»"},
	{name: "straight quotes kk", from: en, to: kk, source: "The “miracle” came.", tr: `"Ғажайып" келді.`,
		want: []string{Typography}, msg: "Kazakh uses «…»"},
	{name: "straight quotes tr are fine", from: en, to: tr, source: "The “miracle” came.", tr: `"Mucize" geldi.`},
	{name: "inches ru", from: en, to: ru, source: `A 5'10" man.`, tr: `Мужчина ростом 5'10".`},

	// templates
	{name: "template moved tr", from: en, to: tr, template: true,
		source: "{{.Percent}}% translated", tr: "%{{.Percent}} çevrildi"},
	{name: "template spaced kk", from: en, to: kk, template: true,
		source: "Reading time: {{.Count}} minute", tr: "Оқу уақыты: {{ .Count }} минут"},
	{name: "template lost kk", from: en, to: kk, template: true,
		source: "Reading time: {{.Count}} minutes", tr: "Оқу уақыты: минут",
		want: []string{Template}, msg: "{{.Count}} is missing"},
	{name: "template renamed ru", from: en, to: ru, template: true,
		source: "{{.Percent}}% translated", tr: "Переведено: {{.Procent}}%",
		want: []string{Template, Template}, msg: "{{.Procent}} is not in the source"},
	{name: "template broken tr", from: en, to: tr, template: true,
		source: "Reading time: {{.Count}} minutes", tr: "Okuma süresi: {{.Count} dakika",
		want: []string{Template, Template}, msg: "does not parse (bad character U+007D '}')"},
	{name: "template digits are not numbers ru", from: en, to: ru, template: true,
		source: "© 2015 — 2023 {{.Site}}.", tr: "© 2015—2023 {{.Site}}."},
}

func TestTranslation(t *testing.T) {
	for _, tt := range translationTests {
		t.Run(tt.name, func(t *testing.T) {
			probs := Translation(Pair{Source: tt.source, Translation: tt.tr, SourceLang: tt.from, Lang: tt.to, Codes: tt.codes, Template: tt.template})
			var got []string
			for _, p := range probs {
				got = append(got, p.Check)
				if p.Message == "" || p.Severity != Error && p.Severity != Warning {
					t.Errorf("problem %+v has no message or no severity", p)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got checks %q, want %q\nproblems: %v", got, tt.want, probs)
			}
			if tt.msg == "" {
				return
			}
			for _, p := range probs {
				if strings.Contains(p.Message, tt.msg) {
					return
				}
			}
			t.Errorf("no message holds %q: %v", tt.msg, probs)
		})
	}
}

// TestSeverities pins the severity of each check: errors fail tilmash
// check, warnings only with --strict.
func TestSeverities(t *testing.T) {
	want := map[string]Severity{
		Empty: Error, Placeholders: Error, Template: Error, URLs: Error,
		Numbers: Warning, Untranslated: Warning, Whitespace: Warning,
		Punctuation: Warning, Unbalanced: Warning, Typography: Warning,
	}
	seen := map[string]bool{}
	for _, tt := range translationTests {
		for _, p := range Translation(Pair{Source: tt.source, Translation: tt.tr, SourceLang: tt.from, Lang: tt.to, Codes: tt.codes, Template: tt.template}) {
			if p.Severity != want[p.Check] {
				t.Errorf("%s: %s has severity %s, want %s", tt.name, p.Check, p.Severity, want[p.Check])
			}
			seen[p.Check] = true
		}
	}
	for c := range want {
		if !seen[c] {
			t.Errorf("no test case fails check %s", c)
		}
	}
}

func TestLinks(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"See https://example.com/a.", []string{"https://example.com/a"}},
		{"(https://en.wikipedia.org/wiki/Foo_(bar))", []string{"https://en.wikipedia.org/wiki/Foo_(bar)"}},
		{"«https://example.com/путь»", []string{"https://example.com/путь"}},
		{"https://golosislama.com'da", []string{"https://golosislama.com"}},
		{"www.akorda.kz, then mailto:a@b.kz?", []string{"www.akorda.kz", "mailto:a@b.kz"}},
		{"news@example.kz and @handle and a@b", []string{"news@example.kz"}},
		{"ftp://files.example.org/x.zip; http://", []string{"ftp://files.example.org/x.zip"}},
		{"no links: example.com, e.g. this", nil},
		{"https://user@example.com/x", []string{"https://user@example.com/x"}},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range links(tt.in) {
			got = append(got, l.text)
			if tt.in[l.start:l.end] != l.text {
				t.Errorf("%q: span %d:%d is %q, not %q", tt.in, l.start, l.end, tt.in[l.start:l.end], l.text)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("links(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNumbersIn(t *testing.T) {
	tests := []struct {
		in   string
		want [][]string // the values of each number
	}{
		{"5", [][]string{{"5"}}},
		{"007 and 0", [][]string{{"7"}, {"0"}}},
		{"1,000", [][]string{{"1000", "1"}}},
		{"1 000 000", [][]string{{"1000000"}}},
		{"1\u202f000", [][]string{{"1000"}}},
		{"in 2015 200 people", [][]string{{"2015"}, {"200"}}},
		{"3,5 and 3.50", [][]string{{"3.5"}, {"3.5", "t3:50"}}},
		{"1.234,5", [][]string{{"1234.5"}}},
		{"1,234.5", [][]string{{"1234.5"}}},
		{"17:30", [][]string{{"t17:30"}}},
		{"24.11.2023", [][]string{nil}},
		{"2015–2023", [][]string{{"2015"}, {"2023"}}},
		{"-5 °C, 5%, %5", [][]string{{"5"}, {"5"}, {"5"}}},
		{"end 5.", [][]string{{"5"}}},
		{"2015'te", [][]string{{"2015"}}},
	}
	for _, tt := range tests {
		var got [][]string
		for _, n := range numbersIn(tt.in) {
			got = append(got, n.values)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("numbersIn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEnding(t *testing.T) {
	tests := map[string]string{
		"Done.": ".", "Done": "", "Why?": "?", "Why?!": "?", "No!": "!", "Wait…": "…", "Wait...": "…",
		"As follows:": ":", "«Нет».": ".", "“Go.”": ".", "(see \uFFFC).": ".", "Read \uFFFC": "", "Ну и ну!..": "!",
		"a;": ";", "a,": ",", "終わり。": ".", "  ": "",
	}
	for in, want := range tests {
		if got := ending(in); got != want {
			t.Errorf("ending(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMissingNumbersMany checks the matching on a long run of equal
// numbers, which a naive augmenting-path search takes minutes over.
func TestMissingNumbersMany(t *testing.T) {
	src := numbersIn(strings.Repeat("1 and ", 4000))
	tr := numbersIn(strings.Repeat("1 и ", 3000) + strings.Repeat("2 ", 3000))
	if got := len(missingNumbers(src, tr)); got != 1000 {
		t.Fatalf("%d numbers missing, want 1000", got)
	}
}
