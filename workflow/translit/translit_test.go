package translit

import "testing"

// TestKazakh checks words and names against the letters of the official
// table of 2021.
func TestKazakh(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Қазақстан Республикасы", "Qazaqstan Respublikasy"},
		{"Тоқаев", "Toqaev"},
		{"Қасым-Жомарт", "Qasym-Jomart"},
		{"Түркия", "Türkiia"},
		{"Мәскеу", "Mäskeu"},
		{"Бұрыңғы өткен заманда, бір данышпан кісі", "Būryñğy ötken zamanda, bır danyşpan kısı"},
		{"үйіне", "üiıne"},
		{"сый", "syi"},
		{"Шаһар", "Şahar"},
		{"ҰҚШҰ", "ŪQŞŪ"},
		{"Ілияс Иван Йод", "Iliias İvan İod"},
		{"Цемент", "Tsement"},
		{"ЦЕМЕНТ", "TSEMENT"},
		{"Юрий", "İurii"},
		{"ЮНЕСКО", "İUNESKO"},
		{"<1>Баяндаманы</1> қараңыз, 2023 ж.", "<1>Baiandamany</1> qarañyz, 2023 j."},
		{"Latin stays: NATO", "Latin stays: NATO"},
	} {
		if got := Kazakh(tc.in); got != tc.want {
			t.Errorf("Kazakh(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if HasCyrillic(Kazakh(tc.in)) {
			t.Errorf("Kazakh(%q) keeps Cyrillic letters", tc.in)
		}
	}
}

func FuzzKazakh(f *testing.F) {
	f.Add("Қазақстан — Түркия: Тоқаевтың жаңа қадамдары?")
	f.Fuzz(func(t *testing.T, s string) {
		out := Kazakh(s)
		for _, r := range out {
			if _, cyr := lower[r]; cyr {
				t.Fatalf("Kazakh(%q) = %q keeps a Kazakh letter", s, out)
			}
		}
	})
}
