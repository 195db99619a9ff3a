package segment

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"sync"
)

// partSize is about how long a part of a text Stream splits on its own is.
const partSize = 128 << 10

// Stream splits src as Split does and hands its segments and warnings to
// yield a part of the text at a time, in document order. Put together, the
// parts hold exactly Split's segments: the same text, offsets, lines,
// blocks and nested-segment indexes. Stream refuses what Split refuses,
// before it yields anything.
//
// A long text is cut into parts only where nothing on one side of the cut
// can change how the other side reads: before a line that starts with a
// letter after a blank line, outside fenced code (in plain text, before
// any paragraph). A Markdown text with constructs that reach across the
// document (link reference and footnote definitions, shortcodes, raw HTML,
// lone carriage returns, indented code fences) is one part. Parts are
// split on as many goroutines as there are processors, and only a few
// parts' segments are held at once, so that a long text is split faster
// and in less memory than by Split. The slices given to yield are reused
// once it returns: a caller that keeps segments copies them. An error from
// yield stops Stream and is returned. No goroutine of Stream's runs on
// after it returns.
func Stream(src []byte, opts Options, yield func(segments []Segment, warnings []Warning) error) error {
	return stream(src, opts, partSize, runtime.GOMAXPROCS(0), yield)
}

// part is one part of a streamed text and, once split, its result.
type part struct {
	start, end int
	line       int // line breaks before start
	doc        *Doc
	blocks     int
	err        error
	done       chan struct{}
}

func stream(src []byte, opts Options, size, workers int, yield func([]Segment, []Warning) error) error {
	workers = max(workers, 1)
	// first, as it reads every byte on every core at once
	if err := checkBytes(src, workers); err != nil {
		return err
	}
	cuts := partCuts(src, opts.Plain, size)
	parts := make([]*part, 0, len(cuts)+1)
	start, line := 0, 0
	for _, c := range append(cuts, len(src)) {
		parts = append(parts, &part{start: start, end: c, line: line, done: make(chan struct{})})
		line += bytes.Count(src[start:c], newline)
		start = c
	}
	// Every part is checked before any is yielded, on all workers at once.
	if !opts.Plain {
		if err := checkDepth(src, parts, opts, workers); err != nil {
			return err
		}
	}
	// A Markdown text cut into parts reads its plain paragraphs itself; one
	// that is not (see partCuts) is split whole.
	splitPart := split
	if !opts.Plain && len(parts) > 1 {
		splitPart = splitMarkdownPart
	}
	// At most 2×workers parts are split or waiting to be yielded at once;
	// none is still being split when stream returns.
	slots := make(chan struct{}, 2*workers)
	// Segment slices yielded go back to be filled again, so that a long
	// text needs no more of them than parts are in flight.
	free := make(chan []Segment, 2*workers+1)
	stop := make(chan struct{})
	var running sync.WaitGroup
	running.Add(1)
	go func() {
		defer running.Done()
		for _, p := range parts {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			running.Add(1)
			go func() {
				defer running.Done()
				defer close(p.done)
				var into []Segment
				select {
				case into = <-free:
				default:
				}
				p.doc, p.blocks, p.err = splitPart(src[p.start:p.end], opts, into)
			}()
		}
	}()
	defer running.Wait()
	defer close(stop)
	block, index := 0, 0 // blocks and segments before the part
	for _, p := range parts {
		<-p.done
		<-slots
		if p.err != nil {
			return MoveError(p.err, p.line, p.start)
		}
		segs := p.doc.Segments
		place(segs, p.doc.Warnings, p.start, p.line, block, index)
		if err := yield(segs, p.doc.Warnings); err != nil {
			return err
		}
		block += p.blocks
		index += len(segs)
		p.doc = nil
		select {
		case free <- segs[:0]:
		default:
		}
	}
	return nil
}

// checkBytes refuses what Split refuses in the bytes of src, bytes that
// are not UTF-8 first and control characters next, each reading a range of
// src on its own goroutine.
func checkBytes(src []byte, workers int) error {
	// Ranges end after a line break, so that no character is cut in two.
	ends := make([]int, 0, workers)
	for i := 1; i < workers; i++ {
		at := max(len(src)*i/workers, 0)
		if len(ends) > 0 {
			at = max(at, ends[len(ends)-1])
		}
		if k := bytes.IndexByte(src[at:], '\n'); k >= 0 {
			ends = append(ends, at+k+1)
		}
	}
	ends = append(ends, len(src))
	invalid := make([]int, len(ends))
	control := make([]int, len(ends))
	runes := make([]rune, len(ends))
	each(len(ends), workers, func(i int) {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		r := src[start:ends[i]]
		invalid[i], control[i] = -1, -1
		if off := invalidUTF8(r); off >= 0 {
			invalid[i] = start + off
		}
		if off, c := controlChar(r); off >= 0 {
			control[i], runes[i] = start+off, c
		}
	})
	for _, off := range invalid {
		if off >= 0 {
			return &EncodingError{Line: newLineIndex(src).line(off), Offset: off}
		}
	}
	for i, off := range control {
		if off >= 0 {
			return &ControlError{Line: newLineIndex(src).line(off), Offset: off, Rune: runes[i]}
		}
	}
	return nil
}

// checkDepth refuses Markdown nested deeper than the limit, reading each
// part on its own: where a part starts, no block of the part before is
// open.
func checkDepth(src []byte, parts []*part, opts Options, workers int) error {
	lines := make([]int, len(parts))
	depths := make([]int, len(parts))
	each(len(parts), workers, func(i int) {
		p := parts[i]
		lines[i], depths[i] = blockDepth(src[p.start:p.end], opts.maxDepth())
	})
	for i, line := range lines {
		if line > 0 {
			return &DepthError{Line: parts[i].line + line, Depth: depths[i], Max: opts.maxDepth()}
		}
	}
	return nil
}

// each calls f(0) … f(n-1) on up to workers goroutines and returns once
// all have returned.
func each(n, workers int, f func(int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// place moves the segments and warnings of a text split on its own to
// where the text stands in a whole: after off bytes, lines line breaks,
// blocks blocks and index segments.
func place(segs []Segment, warnings []Warning, off, lines, blocks, index int) {
	for i := range segs {
		s := &segs[i]
		s.Start += off
		s.End += off
		s.Line += lines
		s.Block += blocks
		if s.In != nil {
			s.In.Start += off
			s.In.End += off
		}
		if s.Parent != 0 {
			s.Parent += index
		}
		for k := range s.Slots {
			s.Slots[k].Segment += index
		}
	}
	for i := range warnings {
		warnings[i].Line += lines
	}
}

// MoveError places an error of Split or Stream on a text that stands in
// a larger file, after off bytes and lines line breaks (an article's body
// after its front matter): the line and offset it names then count from
// the top of that file. An error that names no place in the text is
// returned itself.
func MoveError(err error, lines, off int) error {
	var me *MarkupError
	var ee *EncodingError
	var ce *ControlError
	var de *DepthError
	switch {
	case errors.As(err, &me):
		return &MarkupError{Line: me.Line + lines, Msg: me.Msg}
	case errors.As(err, &ee):
		return &EncodingError{Line: ee.Line + lines, Offset: ee.Offset + off}
	case errors.As(err, &ce):
		return &ControlError{Line: ce.Line + lines, Offset: ce.Offset + off, Rune: ce.Rune}
	case errors.As(err, &de):
		return &DepthError{Line: de.Line + lines, Depth: de.Depth, Max: de.Max}
	}
	return err
}

// partCuts returns the offsets where src may be cut into parts of about
// size bytes that split alone as they split together, in order, or nil
// when it must be split whole.
func partCuts(src []byte, plain bool, size int) []int {
	if len(src) <= size {
		return nil
	}
	if !plain && !cuttable(src) {
		return nil
	}
	var cuts []int
	last := 0      // the last cut
	blank := false // plain text: the line before is blank
	walk := lineWalker{}
	for start := 0; start < len(src); {
		end := lineEnd(src, start)
		line := src[start:end]
		may := false
		if plain {
			isBlank := len(bytes.TrimSpace(line)) == 0
			may = blank && !isBlank
			blank = isBlank
		} else {
			var indented bool
			if may, indented = walk.step(line); indented {
				// a fence inside a list item may stay open past a line
				// that ends the item: too close to call
				return nil
			}
		}
		if may && start-last >= size {
			cuts = append(cuts, start)
			last = start
		}
		start = end + 1
	}
	return cuts
}

// lineWalker reads a Markdown text line by line and tells the lines that
// start a top-level paragraph after a blank line, outside fenced code:
// where the text may be cut, and where a plain paragraph may stand.
type lineWalker struct {
	blank bool   // the line before is blank (or the text starts here)
	fence []byte // the fence of the open fenced code block, nil for none
}

// step reads the next line. It reports whether the line starts a paragraph
// after a blank line, and whether it opens a fence after indentation.
func (w *lineWalker) step(line []byte) (starts, indentedFence bool) {
	switch {
	case w.fence != nil:
		if closesFence(line, w.fence) {
			w.fence = nil
		}
		w.blank = false
	case w.blank && startsParagraph(line):
		w.blank = false
		return true, false
	default:
		f, indent := opensFence(line)
		w.fence = f
		w.blank = f == nil && markdownBlank(line)
		return false, indent > 0
	}
	return false, false
}

// cuttable reports whether a Markdown text is free of the constructs that
// reach across blank lines or across the document: reference and footnote
// definitions ("]:"), shortcodes ("{{"), raw HTML and autolinks ("<"), and
// carriage returns that end lines on their own.
func cuttable(src []byte) bool {
	if bytes.Contains(src, []byte("]:")) || bytes.Contains(src, []byte("{{")) || bytes.IndexByte(src, '<') >= 0 {
		return false
	}
	for i := bytes.IndexByte(src, '\r'); i >= 0; {
		if i+1 >= len(src) || src[i+1] != '\n' {
			return false
		}
		k := bytes.IndexByte(src[i+1:], '\r')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return true
}

// markdownBlank reports whether a line is blank to Markdown: spaces and
// tabs only (and the carriage return of a CRLF line end).
func markdownBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// startsParagraph reports whether a line after a blank line can only start
// a new top-level block, one that nothing before it continues: it starts
// in the first column with a letter or a mark that starts no Markdown block
// (a quotation mark, a parenthesis: no list marker, block quote, heading,
// rule, fence, table row or indented code starts so). Bytes of multi-byte
// characters count too: no Markdown block starts with one.
func startsParagraph(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	switch c := line[0]; {
	case c >= 0x80, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	default:
		return strings.IndexByte(`"'($%@,.;?/!`, c) >= 0
	}
}

// opensFence returns the fence characters of a line that opens a fenced
// code block ("```", "~~~~"), and the indentation before them, or nil.
func opensFence(line []byte) ([]byte, int) {
	i := 0
	for i < len(line) && i < 4 && line[i] == ' ' {
		i++
	}
	if i > 3 || i >= len(line) || line[i] != '`' && line[i] != '~' {
		return nil, 0
	}
	c := line[i]
	n := i
	for n < len(line) && line[n] == c {
		n++
	}
	if n-i < 3 {
		return nil, 0
	}
	if c == '`' && bytes.IndexByte(line[n:], '`') >= 0 {
		return nil, 0 // an info string with a backtick: code span, no fence
	}
	return line[i:n], i
}

// closesFence reports whether a line closes the fenced code block opened
// by fence: up to three spaces, at least as many of the same character,
// then only spaces and tabs.
func closesFence(line, fence []byte) bool {
	i := 0
	for i < len(line) && i < 4 && line[i] == ' ' {
		i++
	}
	if i > 3 {
		return false
	}
	n := i
	for n < len(line) && line[n] == fence[0] {
		n++
	}
	return n-i >= len(fence) && markdownBlank(line[n:])
}

// splitMarkdownPart splits one part of a Markdown text that partCuts cut:
// the same segments as split, found faster. A paragraph of words alone
// (see plainParagraph) is read straight from the source, as goldmark
// would read it; the text between such paragraphs goes through split, one
// run at a time. Both kinds start where a part may start, so that each
// reads the same alone as in the whole.
func splitMarkdownPart(src []byte, opts Options, into []Segment) (*Doc, int, error) {
	b := newBuilder(src, opts, into)
	pending := 0 // where the text not yet split starts
	walk := lineWalker{blank: true}
	for start := 0; start < len(src); {
		end := lineEnd(src, start)
		if starts, _ := walk.step(src[start:end]); starts {
			run, stop := plainRun(src, start, b.paras[:0])
			b.paras = run
			// Each run of text left to split costs a parse of its own: a
			// short run of plain paragraphs that would cut one in two is
			// left to it.
			if len(run) > 0 && (pending == start || run[len(run)-1].End-start >= minPlainRun) {
				if err := b.splitRun(pending, start); err != nil {
					return nil, 0, err
				}
				for _, p := range run {
					b.reset(p.Start)
					b.literal(p.Start, p.End, true)
					b.flush(KindParagraph)
				}
				pending = stop
			}
			if len(run) > 0 {
				start = stop
				continue
			}
		}
		start = end + 1
	}
	if err := b.splitRun(pending, len(src)); err != nil {
		return nil, 0, err
	}
	return &Doc{Source: src, Segments: b.segments, Warnings: b.warnings}, b.block, nil
}

// splitRun splits b.src[start:end] on its own through split and adds its
// segments and warnings to b's, placed in the whole.
func (b *builder) splitRun(start, end int) error {
	if markdownBlank(bytes.TrimRight(b.src[start:end], " \t\r\n")) {
		return nil // blank lines alone: no block
	}
	doc, blocks, err := split(b.src[start:end], b.opts, nil)
	line := b.lines.line(start) - 1
	if err != nil {
		return MoveError(err, line, start)
	}
	place(doc.Segments, doc.Warnings, start, line, b.block, len(b.segments))
	for _, s := range doc.Segments {
		b.add(s)
	}
	b.warnings = append(b.warnings, doc.Warnings...)
	b.block += blocks
	return nil
}

// minPlainRun is the least length of a run of plain paragraphs that
// splitMarkdownPart reads on its own between text it leaves to split.
const minPlainRun = 2 << 10

// plainRun returns the paragraphs of words alone (see plainParagraph) from
// src[start] on, separated by blank lines, appended to run, and where the
// text after the last one starts.
func plainRun(src []byte, start int, run []Span) ([]Span, int) {
	for {
		stop, last, ok := plainParagraph(src, start)
		if !ok {
			return run, start
		}
		run = append(run, Span{Start: start, End: last})
		next := stop
		for next < len(src) {
			end := lineEnd(src, next)
			if !markdownBlank(src[next:end]) {
				break
			}
			next = end + 1
		}
		if next >= len(src) || !startsParagraph(src[next:lineEnd(src, next)]) {
			return run, stop
		}
		start = next
	}
}

// lineEnd returns the offset of the line break that ends the line at
// src[start], or len(src).
func lineEnd(src []byte, start int) int {
	if k := bytes.IndexByte(src[start:], '\n'); k >= 0 {
		return start + k
	}
	return len(src)
}

// plainParagraph reports whether the paragraph at src[start] is words
// alone, whose every line starts with a letter and holds none of the
// characters that start Markdown inline markup (* _ ` [ ] < & \ ~), table
// cells (|), shortcodes ({), a byte-order mark or a hard line break (a
// line that ends in white space). Such a paragraph is Markdown text as it
// stands: its text is its bytes, its line breaks soft. It returns where the
// paragraph's last line ends (last) and where the next line starts (stop).
func plainParagraph(src []byte, start int) (stop, last int, ok bool) {
	for {
		end := lineEnd(src, start)
		line := src[start:end]
		if markdownBlank(line) {
			return start, last, last > 0
		}
		if !startsParagraph(line) || !plainLine(line) {
			return 0, 0, false
		}
		last = end
		if end == len(src) {
			return end, last, true
		}
		start = end + 1
	}
}

// plainLine reports whether a line has no byte that plainParagraph rules
// out.
func plainLine(line []byte) bool {
	if c := line[len(line)-1]; c == ' ' || c == '\t' {
		return false
	}
	return !bytes.ContainsAny(line, "*_`[]<>&\\~|{}\r\xef")
}
