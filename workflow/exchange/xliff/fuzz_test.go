package xliff

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzRead checks that Read never panics, that its errors carry lines,
// and that whatever it reads, Write writes and Read reads back to the
// same value, and writing that again gives the same bytes. The corpus
// starts with every file in testdata.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.xlf"))
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
	for _, tt := range readTests {
		f.Add([]byte(tt.in))
	}
	for _, tt := range readErrorTests {
		f.Add([]byte(tt.in))
	}
	f.Add([]byte(xlf(`<unit id="u"><segment><source>a <sc id="1"/>b</source><target>c<ec startRef="1"/></target></segment>
<segment><source>d<ec startRef="1"/></source></segment></unit>
`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Read error is not a non-empty ErrorList: %#v", err)
			}
			for _, e := range list {
				if e.Line < 1 {
					t.Fatalf("Read error without a line: %v", e)
				}
			}
			return
		}
		var out bytes.Buffer
		if err := Write(&out, d); err != nil {
			t.Fatalf("Write(Read(data)): %v", err)
		}
		d2, err := Read(out.Bytes())
		if err != nil {
			t.Fatalf("Read(Write(Read(data))): %v\n%s", err, out.Bytes())
		}
		if !reflect.DeepEqual(noLines(d2), noLines(d)) {
			t.Fatalf("round trip changed the document:\n%#v\nwant\n%#v", noLines(d2), noLines(d))
		}
		var again bytes.Buffer
		if err := Write(&again, d2); err != nil {
			t.Fatalf("Write again: %v", err)
		}
		if !bytes.Equal(again.Bytes(), out.Bytes()) {
			t.Fatalf("Write is not idempotent:\n%s\nthen\n%s", out.Bytes(), again.Bytes())
		}
	})
}
