package edition

import (
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

func TestLanguageName(t *testing.T) {
	for tag, want := range map[string]string{"en": "English", "ru": "Русский", "kk": "Қазақ тілі", "tr": "Türkçe"} {
		if got := LanguageName(language.Make(tag)); got != want {
			t.Errorf("LanguageName(%s) = %q, want %q", tag, got, want)
		}
	}
}

func TestUpperFollowsTheLanguage(t *testing.T) {
	b := i18n.NewBundle(language.English)
	tests := []struct{ lang, in, want string }{
		{"tr", "İngilizceden çevrilmiştir", "İNGİLİZCEDEN ÇEVRİLMİŞTİR"},
		{"en", "translated from turkish", "TRANSLATED FROM TURKISH"},
		{"kk", "ағылшын тілінен", "АҒЫЛШЫН ТІЛІНЕН"},
	}
	for _, tt := range tests {
		if got := NewUI(b, language.Make(tt.lang)).Upper(tt.in); got != tt.want {
			t.Errorf("Upper(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestReadingTimePlurals(t *testing.T) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	if _, err := b.ParseMessageFileBytes(DefaultUI(language.Russian), "ui.ru.toml"); err != nil {
		t.Fatal(err)
	}
	ui := NewUI(b, language.Russian)
	for n, want := range map[int]string{1: "1\u00a0минута", 3: "3\u00a0минуты", 5: "5\u00a0минут", 21: "21\u00a0минута"} {
		if got := ui.T("edition_reading_time", map[string]any{"Count": n}, n); !strings.HasSuffix(got, want) {
			t.Errorf("%d minutes: %q, want … %q", n, got, want)
		}
	}
	if len(ui.Missing) != 0 {
		t.Errorf("missing UI strings: %v", ui.Missing)
	}
	if ReadingMinutes(0) != 1 || ReadingMinutes(200) != 1 || ReadingMinutes(201) != 2 {
		t.Error("reading minutes are not rounded up from 200 words a minute")
	}
}

func TestHTMLMarksFallback(t *testing.T) {
	body := "Текст. " + Mark("An *English* sentence.", language.English) + "\n"
	got, err := HTML([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>Текст. <span lang="en">An <em>English</em> sentence.</span></p>`
	if !strings.Contains(string(got), want) {
		t.Errorf("HTML = %s, want %s", got, want)
	}
	if Strip(body) != "Текст. enAn *English* sentence.\n" {
		t.Errorf("Strip left marks: %q", Strip(body))
	}
}
