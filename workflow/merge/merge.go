package merge

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tilmash/tilmash/workflow/catalog"
)

// The sides of a merge, as errors name them.
const (
	Base   = "base"
	Ours   = "ours"
	Theirs = "theirs"
)

// Conflict is a segment given different translations on both sides.
type Conflict struct {
	// ID is the segment ID (the message ID in a file of UI strings).
	ID string
	// Ours stays current; Theirs is kept as the open conflict.
	Ours, Theirs string
}

// Result is a merged file.
type Result struct {
	// Data is the merged file, as tilmash writes it; nil for an empty
	// sidecar or memory (tilmash writes no such file).
	Data []byte
	// Conflicts are the segments translated differently on both sides,
	// sorted by ID.
	Conflicts []Conflict
	// Kept lists the source texts changed differently on both sides of a
	// source catalog, where ours was kept: sync rewrites them from the
	// article.
	Kept []string
}

// SideError is a version that cannot be read.
type SideError struct {
	Side string
	Err  error
}

func (e *SideError) Error() string { return fmt.Sprintf("%v (in the %s version)", e.Err, e.Side) }

// Unwrap returns the reading error.
func (e *SideError) Unwrap() error { return e.Err }

// Messages merges three versions of a message file per message. path is
// the file's path (its name gives the language; errors name it); name is
// the article whose table holds the messages (catalog.MarshalNested), or
// "" for a flat file of UI strings, written by catalog.Marshal. An
// article's file whose messages carry no hash is a source catalog: a text
// changed on both sides keeps ours and is reported in Result.Kept; in any
// other file a message changed on both sides is a conflict. Empty data
// is a file with no message (git gives an empty base for a file added on
// both sides).
func Messages(path, name string, base, ours, theirs []byte) (*Result, error) {
	if _, err := catalog.LangOfPath(path); err != nil {
		return nil, err
	}
	var files [3]map[string]catalog.Message
	source := name != "" // a source catalog: an article's file without hashes
	for i, data := range [][]byte{base, ours, theirs} {
		msgs, err := readMessages(path, name, data)
		if err != nil {
			return nil, &SideError{Side: sides[i], Err: err}
		}
		files[i] = msgs
		for _, m := range msgs {
			source = source && m.Hash == ""
		}
	}
	b, o, t := files[0], files[1], files[2]
	res := &Result{}
	var out []catalog.Message
	for _, id := range unionKeys(b, o, t) {
		mb, inB := b[id]
		mo, inO := o[id]
		mt, inT := t[id]
		switch {
		case inO == inB && mo == mb:
			if inT {
				out = append(out, mt)
			}
		case inT == inB && mt == mb, inO == inT && mo == mt:
			if inO {
				out = append(out, mo)
			}
		case !inO:
			out = append(out, mt) // removed on our side, changed on theirs
		case !inT:
			out = append(out, mo)
		default:
			out = append(out, mo)
			switch {
			case source:
				res.Kept = append(res.Kept, id)
			case mo.Other != mt.Other:
				res.Conflicts = append(res.Conflicts, Conflict{ID: id, Ours: mo.Other, Theirs: mt.Other})
			}
		}
	}
	header := ""
	for _, data := range [][]byte{ours, theirs, base} {
		if len(data) > 0 {
			header = leadingComment(string(data))
			break
		}
	}
	var err error
	if name == "" {
		res.Data, err = catalog.Marshal(header, out)
	} else {
		res.Data, err = catalog.MarshalNested(header, name, out)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

var sides = [3]string{Base, Ours, Theirs}

// readMessages reads a message file's messages by ID, those of an
// article's table without the article's name.
func readMessages(path, name string, data []byte) (map[string]catalog.Message, error) {
	out := map[string]catalog.Message{}
	if len(data) == 0 {
		return out, nil
	}
	f, err := catalog.Parse(path, data)
	if err != nil {
		return nil, err
	}
	if name != "" {
		if f, err = f.Within(name); err != nil {
			return nil, err
		}
	}
	for _, m := range f.Messages {
		out[m.ID] = m
	}
	return out, nil
}

// leadingComment returns the comment lines at the top of a file, without
// "# ", as the header catalog's writers take.
func leadingComment(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, "#") {
			break
		}
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, "#"), " "))
	}
	return strings.Join(lines, "\n")
}

// unionKeys returns the keys of the maps, sorted.
func unionKeys[V any](maps ...map[string]V) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range maps {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// Memory merges three versions of a translation memory: every entry either
// side has, once. Entries never replace one another.
func Memory(path string, base, ours, theirs []byte) (*Result, error) {
	var mems [3]*catalog.Memory
	for i, data := range [][]byte{base, ours, theirs} {
		mems[i] = &catalog.Memory{}
		if len(data) == 0 {
			continue
		}
		m, err := catalog.ParseMemory(path, data)
		if err != nil {
			return nil, &SideError{Side: sides[i], Err: err}
		}
		mems[i] = m
	}
	out := &catalog.Memory{}
	for _, m := range mems[1:] {
		for _, e := range m.Entries {
			out.Add(e)
		}
	}
	data, err := out.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Result{Data: data}, nil
}
