package sentence

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// ruleFileNames returns the names of the embedded rule files, without ".toml".
func ruleFileNames(t *testing.T) []string {
	t.Helper()
	entries, err := ruleFiles.ReadDir("rules")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok {
			t.Errorf("rules/%s: not a .toml file", e.Name())
			continue
		}
		names = append(names, name)
	}
	return names
}

// TestRuleFiles checks the embedded rule data: every file parses with no
// unknown keys and compiles; each language file is named after a base
// language; the four newsroom languages and the generic file are there.
func TestRuleFiles(t *testing.T) {
	set := compiled()
	for _, err := range set.errs {
		t.Error(err)
	}
	names := ruleFileNames(t)
	for _, want := range []string{genericName, "en", "ru", "kk", "tr"} {
		if !slices.Contains(names, want) {
			t.Errorf("rules/%s.toml is missing", want)
		}
	}
	for _, name := range names {
		f, err := readRuleFile(name)
		if err != nil {
			t.Error(err)
			continue
		}
		if f.Language == "" {
			t.Errorf("rules/%s.toml: no language name", name)
		}
		if name == genericName {
			continue
		}
		base, err := language.ParseBase(name)
		if err != nil || base.String() != name {
			t.Errorf("rules/%s.toml: %q is not a canonical base language (%v)", name, name, err)
		}
		if _, ok := set.tables[name]; !ok {
			t.Errorf("rules/%s.toml: no compiled table", name)
		}
	}
}

// TestRuleFilesNoDuplicates checks that no entry is listed twice within one
// file, whether in one list or in two classes, so that no line of a rule
// file is silently overridden by another.
func TestRuleFilesNoDuplicates(t *testing.T) {
	for _, name := range ruleFileNames(t) {
		f, err := readRuleFile(name)
		if err != nil {
			t.Fatal(err)
		}
		a := f.Abbreviations
		where := make(map[string]string)
		for _, list := range []struct {
			name    string
			entries []string
		}{
			{"never", a.Never}, {"number", a.Number}, {"capital", a.Capital},
			{"starter", a.Starter}, {"after_number", a.AfterNumber}, {"after_number_starter", a.AfterNumberStarter},
		} {
			for _, e := range list.entries {
				key, err := abbreviationKey(e)
				if err != nil {
					t.Errorf("rules/%s.toml: %v", name, err)
					continue
				}
				if prev, ok := where[key]; ok {
					t.Errorf("rules/%s.toml: %q is in %s and again in %s", name, e, prev, list.name)
				}
				where[key] = list.name
			}
		}
		for _, list := range []struct {
			name  string
			words []string
		}{
			{"sentence_starters", f.Starters.Words}, {"initials", f.Initials.Words},
			{"ordinals.nouns", f.Ordinals.Nouns}, {"attribution", f.Attribution.Words},
			{"joining", f.Joining.Words},
		} {
			seen := make(map[string]bool)
			for _, w := range list.words {
				if seen[w] {
					t.Errorf("rules/%s.toml: %s lists %q twice", name, list.name, w)
				}
				seen[w] = true
			}
		}
	}
}

// TestRuleErrors checks that bad rule data is reported, not accepted.
func TestRuleErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    ruleFile
		want string
	}{
		{"two characters", ruleFile{Punctuation: punctuationTable{Closers: []string{"»»"}}}, "not exactly one character"},
		{"letter as punctuation", ruleFile{Punctuation: punctuationTable{Openers: []string{"a"}}}, "not punctuation"},
		{"placeholder syntax", ruleFile{Punctuation: punctuationTable{Openers: []string{"<"}}}, "reserved for placeholders"},
		{"terminator twice", ruleFile{Punctuation: punctuationTable{FullStops: []string{"."}, Strong: []string{"."}}}, "already a terminator"},
		{"empty abbreviation", ruleFile{Abbreviations: abbreviationTable{Never: []string{" . "}}}, "not an abbreviation"},
		{"double period", ruleFile{Abbreviations: abbreviationTable{Never: []string{"a..b"}}}, "not an abbreviation"},
		{"odd character", ruleFile{Abbreviations: abbreviationTable{Number: []string{"a/b"}}}, "unexpected character"},
		{"long abbreviation", ruleFile{Abbreviations: abbreviationTable{Number: []string{strings.Repeat("a", maxKey+1)}}}, "longer than"},
		{"small starter", ruleFile{Starters: wordList{Words: []string{"the"}}}, "starts with a capital"},
		{"starter with digit", ruleFile{Starters: wordList{Words: []string{"The2"}}}, "unexpected character"},
		{"initial of two letters", ruleFile{Initials: wordList{Words: []string{"II"}}}, "not a single letter"},
		{"capitalised verb", ruleFile{Attribution: wordList{Words: []string{"Said"}}}, "small letters"},
	} {
		r := newRules("")
		err := r.add(&tc.f)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// TestAbbreviationKey checks how entries of the rule files become lookup keys.
func TestAbbreviationKey(t *testing.T) {
	for in, want := range map[string]string{
		"Mr.":        "Mr",
		"Mr":         "Mr",
		"т. е.":      "т.е",
		"т.\u00a0е.": "т.е",
		"U.S.":       "U.S",
		"Ltd. Şti.":  "Ltd.Şti",
		"млн":        "млн",
		"член-корр.": "член-корр",
	} {
		got, err := abbreviationKey(in)
		if err != nil || got != want {
			t.Errorf("abbreviationKey(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestLoadUnknownLanguage checks that a language with no rule file compiles
// to the generic rules.
func TestLoadUnknownLanguage(t *testing.T) {
	r, err := loadRules("de")
	if err != nil {
		t.Fatal(err)
	}
	if r.lang != "" {
		t.Errorf("loadRules(%q).lang = %q, want the generic rules", "de", r.lang)
	}
}
