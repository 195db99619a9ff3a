package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/exchange/xliff"
)

// tilmashIn runs the tilmash binary (this test binary under that name, see
// TestMain) in dir with extra environment, and returns its output and
// whether it was killed.
func tilmashIn(t *testing.T, dir string, env []string, args ...string) (out string, killed bool, err error) {
	t.Helper()
	bin, err := exec.LookPath("tilmash")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1", "TILMASH_KILL_AT_STEP="), env...)
	data, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ProcessState.ExitCode() == -1 {
		return string(data), true, err
	}
	return string(data), false, err
}

// mustTilmash runs tilmash in dir and fails the test if it fails.
func mustTilmash(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, _, err := tilmashIn(t, dir, nil, args...)
	if err != nil {
		t.Fatalf("tilmash %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func articleText(title string, paras ...string) string {
	return "+++\ntitle = \"" + title + "\"\nlang = \"en\"\n+++\n\n" + strings.Join(paras, "\n\n") + "\n"
}

// articlesV1 and articlesV2 are an archive and the same after a day of
// editing: sentences edited, a paragraph removed, one added.
var articlesV1 = map[string]string{
	"articles/a.md": articleText("Floods in the north", "The river rose overnight. Roads were closed near the town.", "Rescuers worked until dawn. Nobody was hurt.", "The mayor thanked the volunteers."),
	"articles/b.md": articleText("A new bridge", "The bridge opened on Monday. It links two districts.", "Traffic eased at once. Drivers welcomed it."),
	"articles/c.md": articleText("Grain harvest", "Farmers expect a record harvest. Prices may fall.", "Exports will grow. The ministry agrees.", "Storage is short."),
}

var articlesV2 = map[string]string{
	"articles/a.md": articleText("Floods in the north", "The river rose sharply overnight. Roads were closed near the town.", "Rescuers worked until dawn. Nobody was hurt.", "A second wave is expected on Friday."),
	"articles/b.md": articleText("A new bridge", "The bridge opened on Monday. It links two busy districts.", "Traffic eased at once. Drivers welcomed it."),
	"articles/c.md": articleText("Grain harvest", "Farmers expect a record harvest. Prices may fall.", "Storage is short."),
}

// historyWorkspace makes a workspace whose files hold every kind of record:
// translations in three languages, approvals, previous sources of stale
// translations, history and a translation memory.
func historyWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	mustTilmash(t, dir, "init")
	writeFiles(t, dir, articlesV1)
	mustTilmash(t, dir, "sync")
	for _, l := range []string{"ru", "kk", "tr"} {
		f := filepath.Join(dir, "t."+l+".toml")
		mustTilmash(t, dir, "pull", "--lang", l, "-o", f)
		if err := translateFile(f, strings.ToUpper(l)+" ", xliff.StateTranslated); err != nil {
			t.Fatal(err)
		}
		mustTilmash(t, dir, "push", "--by", "Translator", f)
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	mustTilmash(t, dir, "review", "--lang", "ru", "--by", "Editor")
	// An edit makes some translations stale (with their previous source)
	// and sends a removed paragraph's to the memory.
	writeFiles(t, dir, map[string]string{"articles/c.md": articlesV2["articles/c.md"]})
	mustTilmash(t, dir, "sync")
	return dir
}

// when matches the time of a version in a sidecar's history.
var when = regexp.MustCompile(`(?m)^on = '[0-9T:Z-]+'$`)

// snapshot reads every file of a workspace that tilmash may write, the
// times in histories left out (two runs never share them).
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || rel == ".tilmash/lock" || rel == ".tilmash/index" {
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = when.ReplaceAllString(string(data), "on = 'TIME'")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	for name, data := range snapshot(t, from) {
		writeFiles(t, to, map[string]string{name: data})
	}
	return to
}

// diffTrees describes how two snapshots differ, or returns "".
func diffTrees(got, want map[string]string) string {
	var sb strings.Builder
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			fmt.Fprintf(&sb, "  %s is missing\n", name)
		case g != w:
			fmt.Fprintf(&sb, "  %s differs\n", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			fmt.Fprintf(&sb, "  %s should not be there\n", name)
		}
	}
	return sb.String()
}

// translationsIn gathers every translation text a workspace keeps: in the
// target message files, the sidecars' histories and the memories.
func translationsIn(t *testing.T, files map[string]string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for name, data := range files {
		if !strings.HasPrefix(name, "locales/") || !strings.HasSuffix(name, ".toml") || strings.HasPrefix(name, "locales/en/") {
			continue
		}
		switch {
		case strings.Contains(name, "/.tilmash/memory."):
			m, err := catalog.ParseMemory(name, []byte(data))
			if err != nil {
				t.Fatalf("%s does not parse: %v", name, err)
			}
			for _, e := range m.Entries {
				out[e.Translation] = true
			}
		case strings.Contains(name, "/.tilmash/"):
			m, err := catalog.ParseMeta(name, []byte(data))
			if err != nil {
				t.Fatalf("%s does not parse: %v", name, err)
			}
			for _, s := range m.Segments {
				for _, v := range s.History {
					out[v.Text] = true
				}
			}
		default:
			f, err := catalog.Parse(name, []byte(data))
			if err != nil {
				t.Fatalf("%s does not parse: %v", name, err)
			}
			for _, m := range f.Messages {
				out[m.Other] = true
			}
		}
	}
	return out
}

// TestKillAtEveryStep kills sync, push and build (as kill -9 does) at
// every step of their commit, runs the next command, and checks that the
// workspace is then exactly as before the command (killed before its
// journal) or exactly as after it ran whole: never half applied, no
// temporary file left, every file parses, nothing lost. (Issue 9.)
func TestKillAtEveryStep(t *testing.T) {
	base := historyWorkspace(t)
	pushFile := func(dir string) {
		f := filepath.Join(dir, "p.kk.toml")
		mustTilmash(t, dir, "pull", "--lang", "kk", "--include", "translated", "-o", f)
		if err := translateFile(f, "NEW ", xliff.StateTranslated); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		prepare func(dir string)
		args    []string
	}{
		{"sync", func(dir string) { writeFiles(t, dir, articlesV2) }, []string{"sync"}},
		{"push", pushFile, []string{"push", "--by", "Reviser", "p.kk.toml"}},
		{"build", func(string) {}, []string{"build", "--fallback", "source", "--min-coverage", "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := copyTree(t, base)
			tc.prepare(start)
			before := snapshot(t, start)
			whole := copyTree(t, start)
			mustTilmash(t, whole, tc.args...)
			after := snapshot(t, whole)
			if diffTrees(after, before) == "" {
				t.Fatalf("tilmash %s changed nothing: the test tests nothing", tc.name)
			}
			lost := 0
			have := translationsIn(t, after)
			for text := range translationsIn(t, before) {
				if !have[text] {
					t.Errorf("%s lost the translation %q", tc.name, text)
					lost++
				}
			}
			steps := 0
			for n := 0; ; n++ {
				dir := copyTree(t, start)
				out, killed, err := tilmashIn(t, dir, []string{fmt.Sprintf("TILMASH_KILL_AT_STEP=%d", n)}, tc.args...)
				if !killed {
					if err != nil {
						t.Fatalf("step %d: %v\n%s", n, err, out)
					}
					break
				}
				steps++
				// The next command finishes (or drops) the change.
				mustTilmash(t, dir, "status")
				got := snapshot(t, dir)
				want := after
				if n == 0 {
					want = before
				}
				if d := diffTrees(got, want); d != "" {
					t.Errorf("killed at step %d, then status: the workspace is neither old nor new:\n%s", n, d)
				}
				for name := range got {
					if strings.Contains(name, ".tilmash/staging") || strings.Contains(name, ".tilmash/journal") || strings.Contains(name, ".tmp") {
						t.Errorf("killed at step %d: %s left behind", n, name)
					}
				}
			}
			if steps < 3 {
				t.Errorf("only %d kills: the commit has fewer steps than the test expects", steps)
			}
			t.Logf("%s: killed at %d steps, nothing half applied, %d translations lost", tc.name, steps, lost)
		})
	}
}

// TestConcurrentWriters starts two writing commands at once, twenty times
// each pair, and checks that neither loses the other's work. (Issue 9.)
func TestConcurrentWriters(t *testing.T) {
	base := historyWorkspace(t)
	// Two files for the same catalogs, each with half of the segments of
	// every article, and the pushed texts they carry.
	prepare := func(dir string) (even, odd []string) {
		f := filepath.Join(dir, "all.kk.toml")
		mustTilmash(t, dir, "pull", "--lang", "kk", "--include", "translated", "-o", f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all, err := catalog.Parse(f, data)
		if err != nil {
			t.Fatal(err)
		}
		var a, b []catalog.Message
		for i, m := range all.Messages {
			if strings.HasPrefix(m.ID, "b.") {
				continue // the sync beside it edits b
			}
			m.Other = fmt.Sprintf("PUSHED %d %s", i, m.Other)
			if i%2 == 0 {
				a = append(a, m)
				even = append(even, m.Other)
			} else {
				b = append(b, m)
				odd = append(odd, m.Other)
			}
		}
		for name, msgs := range map[string][]catalog.Message{"even.kk.toml": a, "odd.kk.toml": b} {
			out, err := catalog.Marshal("", msgs)
			if err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, map[string]string{name: string(out)})
		}
		return even, odd
	}
	both := func(dir string, a, b []string) {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		outs := make([]string, 2)
		for i, args := range [][]string{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i], _, errs[i] = tilmashIn(t, dir, nil, args...)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("tilmash %v: %v\n%s", [][]string{a, b}[i], err, outs[i])
			}
		}
	}
	const rounds = 20
	lost := map[string]int{}
	for round := range rounds {
		// sync beside push: the push's translations survive the sync.
		dir := copyTree(t, base)
		even, _ := prepare(dir)
		writeFiles(t, dir, map[string]string{"articles/b.md": articlesV2["articles/b.md"]})
		both(dir, []string{"sync"}, []string{"push", "--by", "A", "even.kk.toml"})
		have := translationsIn(t, snapshot(t, dir))
		for _, text := range even {
			if !have[text] {
				lost["sync+push"]++
			}
		}

		// push beside push: both files land.
		dir = copyTree(t, base)
		even, odd := prepare(dir)
		both(dir, []string{"push", "--by", "A", "even.kk.toml"}, []string{"push", "--by", "B", "odd.kk.toml"})
		have = translationsIn(t, snapshot(t, dir))
		for _, text := range append(even, odd...) {
			if !have[text] {
				lost["push+push"]++
			}
		}

		// push beside review: the approvals and the translations land.
		dir = copyTree(t, base)
		even, _ = prepare(dir)
		both(dir, []string{"push", "--by", "A", "even.kk.toml"}, []string{"review", "--lang", "ru", "--by", "Editor"})
		have = translationsIn(t, snapshot(t, dir))
		for _, text := range even {
			if !have[text] {
				lost["push+review"]++
			}
		}
		status := mustTilmash(t, dir, "status", "--lang", "ru", "--json")
		if strings.Contains(status, `"translated": `) && !strings.Contains(status, `"translated": 0`) {
			lost["push+review"]++
			t.Logf("round %d: approvals lost:\n%s", round, status)
		}
	}
	for pair, n := range lost {
		if n > 0 {
			t.Errorf("%s: %d updates lost in %d rounds", pair, n, rounds)
		}
	}
}
