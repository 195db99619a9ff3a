package sentence

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestZZDebug(t *testing.T) {
	path := os.Getenv("ZZ_FILE")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(path)
	s := New(language.Make(os.Getenv("ZZ_LANG")))
	for _, para := range strings.Split(string(data), "\n\n") {
		for _, x := range sentences(para, s.Split(para)) {
			t.Logf("| %s", x)
		}
		t.Logf("----")
	}
}
