package workflow

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/tilmash/tilmash/workflow/store"
)

// This file keeps the index: a cache, in .tilmash/index beside the lock,
// of what each article's files gave the last time they were read (its
// status rows, and whether sync has nothing to do for it), keyed by the
// size and modification time of every file the answer depends on, as git's
// index is. Every use validates it: an answer is reused only when none of
// its files changed. A file whose time is too close to when it was read
// ("racily clean", as git says) is compared by content. The index is never
// the truth, only a shortcut to it: deleting it loses nothing.

// indexName is the index's file name inside store.Dir.
const indexName = "index"

// indexVersion changes when the index's content or tilmash's reading of
// the files changes meaning; an index of another version is ignored.
const indexVersion = 6

// racyWindow is how close to its reading a file's time may be before its
// content is checked: more than any file system's time granularity.
const racyWindow = 2 * time.Second

type index struct {
	Version int
	Entries map[string]*indexEntry
	dirty   bool
}

// indexEntry is what the index knows of one article.
type indexEntry struct {
	// Files holds the stamps of the files the entry depends on, in the
	// order of articleFiles.
	Files []stamp
	// At is when the files were stamped (Unix ns).
	At int64
	// Synced says that sync has nothing to do for the article; Segments
	// is then its number of segments.
	Synced   bool
	Segments int
	// BuildKey is the key (see buildKey) of the last build that read
	// these files and wrote the article's editions.
	BuildKey string
	// Title and Source are the article's title and source language, and
	// Counts its status in every target language, when known.
	Title, Source string
	Counts        []counts
}

// counts is a status row without what the entry holds once.
type counts struct {
	Lang                                           string
	Segments, Missing, Stale, Translated, Reviewed int
	Words, WordsPending, Conflicts                 int
	OutOfDate                                      bool
	DerivedFrom                                    string
}

// rows returns the entry's status rows.
func (e *indexEntry) rows(name string) []Row {
	out := make([]Row, len(e.Counts))
	for i, c := range e.Counts {
		out[i] = Row{Article: name, Title: e.Title, Lang: c.Lang, Source: e.Source,
			Segments: c.Segments, Missing: c.Missing, Stale: c.Stale, Translated: c.Translated, Reviewed: c.Reviewed,
			Words: c.Words, WordsPending: c.WordsPending, Conflicts: c.Conflicts, OutOfDate: c.OutOfDate, DerivedFrom: c.DerivedFrom}
		if c.Segments > 0 {
			out[i].Percent = 100 * float64(c.Translated+c.Reviewed) / float64(c.Segments)
		}
	}
	return out
}

// setRows keeps status rows in the entry.
func (e *indexEntry) setRows(rows []Row) {
	e.Counts = make([]counts, len(rows))
	for i, r := range rows {
		e.Title, e.Source = r.Title, r.Source
		e.Counts[i] = counts{Lang: r.Lang, Segments: r.Segments, Missing: r.Missing, Stale: r.Stale, Translated: r.Translated, Reviewed: r.Reviewed,
			Words: r.Words, WordsPending: r.WordsPending, Conflicts: r.Conflicts, OutOfDate: r.OutOfDate, DerivedFrom: r.DerivedFrom}
	}
}

// stamp identifies a file's content cheaply: size and time, and for a file
// stamped right after it was written, the hash of its content.
type stamp struct {
	Size int64 // -1: no such file
	Mod  int64
	// Change is the inode's change time where the system has one: no
	// program can set it back, as it can the modification time.
	Change int64
	Sum    [32]byte
}

// loadIndex reads the index; a missing, damaged or other-version index is
// an empty one.
func (ws *Workspace) loadIndex() *index {
	if ws.idx != nil {
		return ws.idx
	}
	ws.idx = &index{Version: indexVersion, Entries: map[string]*indexEntry{}}
	data, err := ws.readFile(filepath.ToSlash(filepath.Join(store.Dir, indexName)))
	if err != nil || data == nil {
		return ws.idx
	}
	var idx index
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&idx) == nil && idx.Version == indexVersion && idx.Entries != nil {
		ws.idx = &idx
	}
	return ws.idx
}

// saveIndex writes the index back when it changed, atomically; a failure
// only loses the shortcut.
func (ws *Workspace) saveIndex() {
	if ws.idx == nil || !ws.idx.dirty || ws.dir == nil {
		return
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(ws.idx); err != nil {
		return
	}
	name := filepath.Join(ws.Root, store.Dir, indexName)
	_ = store.WriteFile(name, buf.Bytes()) // a cache: the next run rebuilds it
	ws.idx.dirty = false
}

// articleFiles lists the files an article's status depends on: the
// article, and its message file and sidecar in every language.
func (ws *Workspace) articleFiles(name string) []string {
	files := []string{ws.ArticlePath(name)}
	for _, tag := range ws.Langs {
		files = append(files, ws.CatalogPath(name, tag), ws.MetaPath(name, tag))
	}
	return files
}

// stamps stamps files now, before they are read, so that a change made
// while they are read shows as a change next time. A stamp holds the
// hash of the file's content too, for the files whose time cannot tell:
// written too recently, or rewritten with the same content.
func (ws *Workspace) stamps(files []string) ([]stamp, int64) {
	at := time.Now().UnixNano()
	out := make([]stamp, len(files))
	for i, f := range files {
		out[i] = ws.stampOf(f, true)
	}
	return out, at
}

// stampOf stats a file of the workspace. Stamps only ever compare: a
// symbolic link is followed here, and refused where the file is read.
func (ws *Workspace) stampOf(name string, withSum bool) stamp {
	info, err := os.Stat(filepath.Join(ws.Root, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return stamp{Size: -1}
	}
	if err != nil {
		return stamp{Size: -2} // never equal to a stamp read later
	}
	st := stamp{Size: info.Size(), Mod: info.ModTime().UnixNano(), Change: changeTime(info)}
	if withSum {
		if data, err := fs.ReadFile(ws.FS, name); err == nil {
			st.Sum = sha256.Sum256(data)
		}
	}
	return st
}

// entry returns the index's entry of an article if none of its files
// changed since it was made, else nil.
func (ws *Workspace) entry(name string) *indexEntry {
	d := newDirStat(ws.Root)
	defer d.close()
	return ws.entryWith(d, name)
}

// entryWith is entry, stating files through d.
func (ws *Workspace) entryWith(d *dirStat, name string) *indexEntry {
	if ws.dir == nil {
		return nil // a workspace in memory: nothing to cache
	}
	e := ws.loadIndex().Entries[name]
	if e == nil {
		return nil
	}
	files := ws.articleFiles(name)
	if len(files) != len(e.Files) {
		return nil
	}
	for i, f := range files {
		old := e.Files[i]
		var now stamp
		var err error
		now.Size, now.Mod, now.Change, err = d.stat(f)
		if err != nil || now.Size != old.Size {
			return nil
		}
		racy := old.Size >= 0 && (e.At-old.Mod < int64(racyWindow) || e.At-old.Change < int64(racyWindow))
		if now.Mod != old.Mod || now.Change != old.Change || racy {
			// the time cannot tell (touched, or rewritten as it was, or
			// written too close to its reading): the content can
			if old.Size >= 0 && ws.stampOf(f, true).Sum != old.Sum {
				return nil
			}
		}
	}
	return e
}

// entries validates the index's entries of many articles at once, the
// file system's calls spread over the processors; it returns the valid
// ones by name.
func (ws *Workspace) entries(names []string) map[string]*indexEntry {
	idx := ws.loadIndex()
	out := make([]*indexEntry, len(names))
	workers := max(2, runtime.GOMAXPROCS(0)*2)
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := newDirStat(ws.Root)
			defer d.close()
			for i := range next {
				if idx.Entries[names[i]] != nil {
					out[i] = ws.entryWith(d, names[i])
				}
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	valid := make(map[string]*indexEntry, len(names))
	for i, e := range out {
		if e != nil {
			valid[names[i]] = e
		}
	}
	return valid
}

// remember stores an entry for an article with the stamps taken before
// its files were read; what the old entry knew is kept when its files are
// the same.
func (ws *Workspace) remember(name string, files []stamp, at int64, update func(e *indexEntry)) {
	if ws.dir == nil {
		return
	}
	idx := ws.loadIndex()
	e := &indexEntry{Files: files, At: at}
	if old := idx.Entries[name]; old != nil && sameContent(old.Files, files) {
		*e = *old
		e.Files, e.At = files, at
	}
	update(e)
	idx.Entries[name] = e
	idx.dirty = true
}

// sameContent reports whether two stampings found the same files: the
// same sizes and, where both hold one, the same hashes (a file rewritten
// as it was is the same file).
func sameContent(a, b []stamp) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Size != b[i].Size {
			return false
		}
		if a[i].Sum != b[i].Sum && a[i].Sum != ([32]byte{}) && b[i].Sum != ([32]byte{}) {
			return false
		}
		if (a[i].Sum == ([32]byte{}) || b[i].Sum == ([32]byte{})) && (a[i].Mod != b[i].Mod || a[i].Change != b[i].Change) {
			return false
		}
	}
	return true
}

// noteSynced remembers, before an operation other than sync plans changes
// to an article's translations (a push, a review), whether sync had
// nothing to do for the article: see stillSynced.
func (ws *Workspace) noteSynced(name string) {
	if ws.dir == nil {
		return
	}
	if _, done := ws.before[name]; done {
		return
	}
	if ws.before == nil {
		ws.before = map[string]*indexEntry{}
	}
	if e := ws.entry(name); e != nil && e.Synced {
		ws.before[name] = e
	} else {
		ws.before[name] = nil
	}
}

// stillSynced keeps, once a plan is written, that sync has nothing to do
// for the articles noteSynced saw in sync, when the only files of theirs
// that changed are those the plan wrote (a push writes translations, not
// sources); their status is counted again when next asked.
func (ws *Workspace) stillSynced(plan *Plan) {
	written := make(map[string]bool, len(plan.Changes))
	for _, c := range plan.Changes {
		written[c.Path] = true
	}
	for name, old := range ws.before {
		if old == nil {
			continue
		}
		paths := ws.articleFiles(name)
		files, at := ws.stamps(paths)
		same := len(files) == len(old.Files)
		for i := 0; same && i < len(files); i++ {
			if !written[paths[i]] && (files[i].Size != old.Files[i].Size || files[i].Sum != old.Files[i].Sum) {
				same = false // changed by someone else meanwhile
			}
		}
		if same {
			segments := old.Segments
			ws.remember(name, files, at, func(e *indexEntry) {
				*e = indexEntry{Files: files, At: at, Synced: true, Segments: segments}
			})
		}
	}
	ws.before = nil
}
