package serve

import (
	"fmt"
	"hash/fnv"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/tilmash/tilmash/workflow"
)

// watcher tells when the workspace's files change: a fingerprint of the
// names, sizes and modification times of the configuration, the articles
// and the locales, taken at most once per interval however many pages
// listen.
type watcher struct {
	root     string
	interval time.Duration

	mu    sync.Mutex
	at    time.Time
	print string
	bump  int // counts the server's own writes, so that they show at once
}

func newWatcher(root string, interval time.Duration) *watcher {
	return &watcher{root: root, interval: interval}
}

// touch says the server has just written: the next look sees a change.
func (w *watcher) touch() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.bump++
	w.at = time.Time{}
}

// version returns the fingerprint of the files now (or at most one
// interval ago).
func (w *watcher) version() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if time.Since(w.at) < w.interval && w.print != "" {
		return w.print
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%d\n", w.bump)
	dirs := []string{workflow.ConfigFile}
	if ws, err := workflow.Open(w.root); err == nil {
		dirs = append(dirs, ws.Config.Articles, ws.Config.Locales)
		_ = ws.Close()
	}
	for _, d := range dirs {
		_ = filepath.WalkDir(filepath.Join(w.root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone meanwhile: the fingerprint says so
			}
			if info, err := e.Info(); err == nil && !e.IsDir() {
				fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	if _, err := os.Stat(w.root); err != nil {
		fmt.Fprintf(h, "gone\n")
	}
	w.print = strconv.FormatUint(h.Sum64(), 36)
	w.at = time.Now()
	return w.print
}

// apiEvents streams server-sent events: "change" with the files'
// fingerprint when it connects and whenever the files change (a save here,
// a push or a git pull in a terminal), and a comment now and then to keep
// the connection open.
func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request, _ *User) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "internal", "the connection cannot stream events")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	last := ""
	tick := time.NewTicker(s.opts.Poll)
	defer tick.Stop()
	idle := 0
	for {
		if v := s.watch.version(); v != last {
			last = v
			if _, err := fmt.Fprintf(w, "event: change\ndata: {\"version\":%q}\n\n", v); err != nil {
				return
			}
			fl.Flush()
			idle = 0
		} else if idle++; time.Duration(idle)*s.opts.Poll >= 15*time.Second {
			if _, err := fmt.Fprint(w, ": still here\n\n"); err != nil {
				return
			}
			fl.Flush()
			idle = 0
		}
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
		}
	}
}
