package main

import (
	"fmt"
	"strings"
	"time"
)

// progress draws a bar on stderr for runs longer than a second, when
// stderr is a terminal and --quiet is not given: done/total articles and
// the rate.
type progress struct {
	e     *env
	start time.Time
	drawn bool
	last  time.Time
}

func newProgress(e *env) *progress { return &progress{e: e, start: e.now()} }

// update is the callback of workflow's long operations.
func (p *progress) update(done, total int) {
	if done >= total {
		p.clear()
		return
	}
	if !p.e.progress || p.e.quiet || total < 2 {
		return
	}
	now := p.e.now()
	if now.Sub(p.start) < time.Second || (now.Sub(p.last) < 100*time.Millisecond && done < total) {
		return
	}
	p.last = now
	const width = 30
	n := width * done / total
	rate := float64(done) / now.Sub(p.start).Seconds()
	fmt.Fprintf(p.e.stderr, "\r\x1b[K[%s%s] %d/%d articles, %.0f/s", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total, rate)
	p.drawn = true
}

// clear takes the bar away, before the command's own output.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.e.stderr, "\r\x1b[K")
		p.drawn = false
	}
}
