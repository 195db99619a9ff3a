package check

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestCheckStyle(t *testing.T) {
	on := true
	nbspDash := DefaultHouseStyle(language.Russian)
	nbspDash.NbspBeforeDash = &on
	trQuotes := HouseStyle{Quotes: []string{`""`}, Apostrophe: "’"}.Over(DefaultHouseStyle(language.Turkish))
	tests := []struct {
		text  string
		lang  language.Tag
		style *HouseStyle
		want  string // check: part of the message; "" for none
	}{
		{"© 2015–2023. Все права защищены.", language.Russian, nil, ""},
		{"2015 — 2023 ©. Барлық құқықтар қорғалған.", language.Kazakh, nil, "dash: a range of numbers takes an en dash"},
		{"© 2015—2023.", language.Russian, nil, "dash: a range"},
		{"Казахстан - Турция", language.Russian, nil, "dash: a hyphen used as a dash"},
		{"Казахстан—Турция", language.Russian, nil, "dash: a dash between words without spaces"},
		{"Казахстан – Турция", language.Russian, nil, "dash: an en dash (–) between words"},
		{"Казахстан — Турция", language.Russian, &nbspDash, "dash: a dash after an ordinary space"},
		{"Казахстан\u00a0— Турция", language.Russian, &nbspDash, ""},
		{"Kazakhstan—Turkey and Kazakhstan — Turkey", language.English, nil, ""},
		{"кое-где, по-русски", language.Russian, nil, ""},
		{"в 2023 г. было", language.Russian, nil, "nbsp: an ordinary space in \"в 2023 г. было\": a year and its mark"},
		{"ещё 5 км", language.Russian, nil, "nbsp: an ordinary space in \"ещё 5 км\": a number and its unit"},
		{"в 2023\u00a0г. и 5\u00a0км, 5 кмх", language.Russian, nil, ""},
		{"2023 ж. қаңтар", language.Kazakh, nil, "nbsp:"},
		{"He said “yes” and ‘no’.", language.English, nil, ""},
		{"He said «yes».", language.English, nil, "quotes: quotation mark « in"},
		{"Он сказал “да”.", language.Russian, nil, "quotes: quotation mark ”"},
		{"Он сказал «да» и „нет“.", language.Russian, nil, ""},
		{`"Evet" dedi.`, language.Turkish, nil, "quotes: quotation mark \""},
		{`"Evet" dedi, Tokayev’in.`, language.Turkish, &trQuotes, ""},
		{"Tokayev'in", language.Turkish, &trQuotes, "apostrophe: apostrophe ' in"},
		{"Tokayev'in", language.Turkish, nil, ""},
		{"Слово , слово.", language.Russian, nil, "spacing: a space before ,"},
		{"Слово,слово.", language.Russian, nil, "spacing: no space after ,"},
		{"( слово)", language.Russian, nil, "spacing: a space after ("},
		{"3,5 и 17:30 (<1/>).", language.Russian, nil, ""},
		{"Время чтения: {{.Count}} минут", language.Russian, nil, ""},
	}
	for _, tc := range tests {
		st := DefaultHouseStyle(tc.lang)
		if tc.style != nil {
			st = *tc.style
		}
		var got []string
		for _, p := range CheckStyle(tc.text, tc.lang, st, strings.Contains(tc.text, "{{")) {
			got = append(got, p.Check+": "+p.Message)
		}
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s %q: %q, want nothing", tc.lang, tc.text, got)
		case tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)):
			t.Errorf("%s %q: %q, want %q", tc.lang, tc.text, got, tc.want)
		}
	}
}

func TestHouseStyleValidate(t *testing.T) {
	for _, st := range []HouseStyle{{Quotes: []string{"«"}}, {Dash: "-"}, {DashSpacing: "wide"}, {RangeDash: "~"}, {Apostrophe: "`"}} {
		if st.Validate() == nil {
			t.Errorf("%+v: no error", st)
		}
	}
	if err := DefaultHouseStyle(language.Russian).Validate(); err != nil {
		t.Error(err)
	}
	none := HouseStyle{Units: []string{}, Quotes: []string{}}.Over(DefaultHouseStyle(language.Russian))
	if len(none.Units) != 0 || len(none.Quotes) != 0 || len(none.YearMarks) == 0 {
		t.Errorf("empty lists must turn rules off: %+v", none)
	}
}

func TestWrongScript(t *testing.T) {
	tests := []struct {
		source, translation string
		lang                language.Tag
		want                []string
	}{
		{"Tokayev’s new steps", "Новые шаги Токаевa", language.Russian, []string{"error: script: «Токаевa» mixes Latin letters (a)"}},
		{"Tokayev’s new steps", "Новые шаги Токаева", language.Russian, nil},
		{"Tokayev’s new steps", "Тоқаевтың жаңа қадамдары", language.Turkish, []string{"error: script: Cyrillic letters in a Turkish translation: «Тоқаевтың», «жаңа», «қадамдары»"}},
		{"Tokayev’s new steps", "Tokayev’s new steps and more", language.Kazakh, []string{"error: script: the translation has no Cyrillic letters"}},
		{"Tokayev’s new steps", "Tokayev’s new steps", language.Kazakh, nil},
		{"He visited Turkey and met with his counterparts in the capital last week", "На прошлой неделе он посетил Турцию и встретился с коллегами в столице", language.Kazakh, []string{"warning: script: 12 Cyrillic words and not one Kazakh letter"}},
		{"Tokayev", "Тоқаев сказал", language.Russian, []string{"warning: script: Kazakh letters in a Russian translation: «Тоқаев»"}},
		{"The word «Токаев» in Russian", "«Токаев» kelimesi", language.Turkish, nil},
		{"See https://example.com/a", "См. https://example.com/a", language.Russian, nil},
	}
	for _, tc := range tests {
		var got []string
		for _, p := range WrongScript(Pair{Source: tc.source, Translation: tc.translation, SourceLang: language.English, Lang: tc.lang}) {
			got = append(got, p.String())
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s %q: %q, want %q", tc.lang, tc.translation, got, tc.want)
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tc.want[i]) {
				t.Errorf("%s %q: %q, want %q", tc.lang, tc.translation, got[i], tc.want[i])
			}
		}
	}
}
