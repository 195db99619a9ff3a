package workflow

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/edition"
	"github.com/tilmash/tilmash/workflow/store"
)

// InitPlan returns the files of a new workspace in dir: tilmash.toml, an
// articles folder, and a locales folder per language. It refuses a folder
// that already has a tilmash.toml.
func InitPlan(dir string) (*Plan, error) {
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); err == nil {
		return nil, fmt.Errorf("%s already exists: %s is a workspace already", filepath.Join(dir, ConfigFile), dir)
	}
	cfg := DefaultConfig()
	var buf bytes.Buffer
	buf.WriteString("# tilmash workspace: languages, folders and build defaults.\n\n")
	if err := toml.NewEncoder(&buf).Encode(cfg); err != nil {
		return nil, err
	}
	p := &Plan{}
	p.write(ConfigFile, buf.Bytes())
	ignore, err := gitignore(filepath.Join(dir, ".gitignore"), "/"+cfg.Output+"/", "/"+store.Dir+"/")
	if err != nil {
		return nil, err
	}
	if ignore != nil {
		p.write(".gitignore", ignore)
	}
	p.write(cfg.Articles+"/.keep", nil)
	for _, l := range cfg.Languages {
		ui := edition.DefaultUI(language.Make(l))
		if ui == nil {
			p.write(cfg.Locales+"/"+l+"/.keep", nil)
			continue
		}
		p.write(cfg.Locales+"/"+l+"/"+UISlug+"."+l+".toml", ui)
	}
	p.sort()
	return p, nil
}

// gitignore returns the .gitignore at name with the lines tilmash needs
// added (editions are build output; the lock and journal are the running
// commands'), or nil when it has them all. A .gitignore that is there is
// kept as it is, the lines added at its end.
func gitignore(name string, lines ...string) ([]byte, error) {
	old, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(old), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	var add []string
	for _, l := range lines {
		if !have[l] {
			add = append(add, l)
		}
	}
	if len(add) == 0 {
		return nil, nil
	}
	out := string(old)
	if out != "" && !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	out += "# tilmash: editions are build output; .tilmash/ holds the workspace lock\n" + strings.Join(add, "\n") + "\n"
	return []byte(out), nil
}
