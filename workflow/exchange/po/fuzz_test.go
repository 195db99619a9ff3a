package po

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics, that its errors carry lines,
// and that whatever it parses, Write writes and Parse reads back to the
// same value, and writing that again gives the same bytes. The corpus
// starts with every file in testdata and every input of TestParseErrors.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.po"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tt := range parseErrorTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Parse error is not a non-empty ErrorList: %#v", err)
			}
			for _, e := range list {
				if e.Line < 1 {
					t.Fatalf("Parse error without a line: %v", e)
				}
			}
			return
		}
		var out bytes.Buffer
		if err := Write(&out, file); err != nil {
			t.Fatalf("Write(Parse(data)): %v", err)
		}
		file2, err := Parse(out.Bytes())
		if err != nil {
			t.Fatalf("Parse(Write(Parse(data))): %v\n%s", err, out.Bytes())
		}
		if !reflect.DeepEqual(noLines(file2), noLines(file)) {
			t.Fatalf("round trip changed the file:\n%#v\nwant\n%#v\n%s", noLines(file2), noLines(file), out.Bytes())
		}
		var again bytes.Buffer
		if err := Write(&again, file2); err != nil {
			t.Fatalf("Write again: %v", err)
		}
		if !bytes.Equal(again.Bytes(), out.Bytes()) {
			t.Fatalf("Write is not idempotent:\n%s\nthen\n%s", out.Bytes(), again.Bytes())
		}
	})
}
