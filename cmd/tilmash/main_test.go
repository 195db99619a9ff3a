package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/exchange/po"
	"github.com/tilmash/tilmash/workflow/exchange/xliff"
)

var update = flag.Bool("update", false, "rewrite the expected output in the scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tilmash": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script over the real
// binary, each in a throwaway workspace.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "1")
			// the XLIFF 2.0 schemas, for scripts that validate what pull writes
			schema, err := filepath.Abs(filepath.Join("..", "..", "workflow", "exchange", "xliff", "testdata", "schemas", "xliff20-all.xsd"))
			if err != nil {
				return err
			}
			e.Setenv("XLIFF_SCHEMA", schema)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"translate": cmdTranslate,
		},
	})
}

// cmdTranslate plays the translator: translate FILE PREFIX [STATE] fills
// every untranslated entry of a pulled file (TOML, XLIFF or PO) with PREFIX
// followed by its source text, placeholders and all. For XLIFF, STATE
// (default translated) is the state the segments get.
func cmdTranslate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: translate FILE PREFIX [STATE]")
	}
	state := xliff.StateTranslated
	if len(args) > 2 {
		state = args[2]
	}
	ts.Check(translateFile(ts.MkAbs(args[0]), args[1], state))
}

// translateFile fills every entry of a pulled file with prefix followed by
// its source text; XLIFF segments get state.
func translateFile(name, prefix, state string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch workflow.FormatOf(name, data) {
	case workflow.FormatXLIFF:
		doc, err := xliff.Read(data)
		if err != nil {
			return err
		}
		for i := range doc.Files {
			for j := range doc.Files[i].Units {
				u := &doc.Files[i].Units[j]
				u.Target, u.HasTarget, u.State = prefix+u.Source, true, state
			}
		}
		if err := xliff.Write(&buf, doc); err != nil {
			return err
		}
	case workflow.FormatPO:
		f, err := po.Parse(data)
		if err != nil {
			return err
		}
		for i := range f.Entries {
			e := &f.Entries[i]
			e.Str, e.Flags, e.PrevID = prefix+e.ID, nil, ""
		}
		if err := po.Write(&buf, f); err != nil {
			return err
		}
	default:
		f, err := catalog.Parse(filepath.Base(name), data)
		if err != nil {
			return err
		}
		for i := range f.Messages {
			f.Messages[i].Other = prefix + f.Messages[i].Other
		}
		out, err := catalog.Marshal("", f.Messages)
		if err != nil {
			return err
		}
		buf.Write(out)
	}
	return os.WriteFile(name, buf.Bytes(), 0o644)
}
