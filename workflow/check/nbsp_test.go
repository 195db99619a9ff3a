package check

import (
	"testing"

	"golang.org/x/text/language"
)

func TestNoBreakSpaces(t *testing.T) {
	ru := DefaultHouseStyle(language.Russian)
	on := true
	ru.NbspBeforeDash = &on
	for _, tc := range []struct {
		style HouseStyle
		in    string
		want  string
	}{
		{ru, "Встреча прошла 15 мая 2023 г. в Астане.", "Встреча прошла 15 мая 2023\u00a0г. в Астане."},
		{ru, "Москва — столица", "Москва\u00a0— столица"},
		{ru, "Ещё 5 км до <1>города</1>.", "Ещё 5\u00a0км до <1>города</1>."},
		{ru, "5 кмх", "5 кмх"}, // not a unit
		{DefaultHouseStyle(language.English), "Moscow — the capital, 2023.", "Moscow — the capital, 2023."},
	} {
		if got := tc.style.NoBreakSpaces(tc.in); got != tc.want {
			t.Errorf("NoBreakSpaces(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
