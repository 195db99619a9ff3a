//go:build !linux

package workflow

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// dirStat stats files of the workspace by their paths.
type dirStat struct{ root string }

func newDirStat(root string) *dirStat { return &dirStat{root: root} }

// stat returns a file's size (-1 when there is none), modification and
// change times.
func (d *dirStat) stat(name string) (size, mod, change int64, err error) {
	info, err := os.Stat(filepath.Join(d.root, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return -1, 0, 0, nil
	}
	if err != nil {
		return 0, 0, 0, err
	}
	return info.Size(), info.ModTime().UnixNano(), changeTime(info), nil
}

func (d *dirStat) close() {}
