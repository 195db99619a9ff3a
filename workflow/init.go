package workflow

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/edition"
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
	p.write(".gitignore", []byte("# editions are build output: tilmash build writes them\n/"+cfg.Output+"/\n"))
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
