package workflow

import "testing"

func TestCountWords(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"The mayor opened a new bridge.", 6},
		{"The U.S. ambassador arrived at 5 p.m.", 7},
		{"Рост составил 54,4% — больше, чем в 2022 г.", 8},
		{"İstanbul'da 1.200 kişi toplandı.", 4},
		{"Sorularınız için <1>ekonomi@haber.com.tr</1> adresine yazın.", 5},
		{"Including Kazakhstan (<1/>).", 2},
		{"Kassym-Jomart Tokayev — the president", 4},
		{"<1/>", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := CountWords(tt.text); got != tt.want {
			t.Errorf("CountWords(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}
