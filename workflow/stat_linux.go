package workflow

import (
	"os"
	"path"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// dirStat stats files of the workspace relative to their folders, kept
// open: one path component to look up a call instead of the whole path,
// which is what checking the index of a large archive costs.
type dirStat struct {
	root string
	dirs map[string]*os.File
}

func newDirStat(root string) *dirStat { return &dirStat{root: root, dirs: map[string]*os.File{}} }

// stat returns a file's size (-1 when there is none), modification and
// change times.
func (d *dirStat) stat(name string) (size, mod, change int64, err error) {
	dir, base := path.Split(name)
	f, ok := d.dirs[dir]
	if !ok {
		if len(d.dirs) >= 128 {
			d.close() // keep few open: names come sorted, folders in runs
			d.dirs = map[string]*os.File{}
		}
		f, err = os.Open(filepath.Join(d.root, filepath.FromSlash(dir)))
		if err != nil && !os.IsNotExist(err) {
			return 0, 0, 0, err
		}
		d.dirs[dir] = f // nil: the folder is not there
	}
	if f == nil {
		return -1, 0, 0, nil
	}
	var st unix.Stat_t
	if err := unix.Fstatat(int(f.Fd()), base, &st, 0); err != nil {
		if err == unix.ENOENT {
			return -1, 0, 0, nil
		}
		return 0, 0, 0, err
	}
	return st.Size, st.Mtim.Nano(), st.Ctim.Nano(), nil
}

// close lets the folders go.
func (d *dirStat) close() {
	for _, f := range d.dirs {
		if f != nil {
			f.Close()
		}
	}
}
