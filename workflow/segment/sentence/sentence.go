package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Span is one sentence: text[Start:End], with no leading or trailing white space.
type Span struct{ Start, End int }

// Splitter splits plain text into sentences by the rules of one language.
// A Splitter is immutable once made, so one value may be shared by many
// goroutines. Make it with New; the zero Splitter uses the generic rules.
type Splitter struct {
	r *rules
}

// New returns the splitter for a BCP 47 language tag ("en", "ru", "kk",
// "tr", "en-GB", "tr-TR"...). The base language picks the rule table, so
// "en-GB" gets the English rules and "kk-Latn" the Kazakh ones. A language
// without a table of its own ("de", "und", the zero Tag) gets the generic
// rules: punctuation, initials, numbers, URLs and the few Latin abbreviations
// ("e.g.", "etc.") that every language shares. That is a deliberate choice,
// not an error: text in any language can be split, only less precisely.
//
// The embedded rule files are compiled once, on the first call, and the
// tables are shared by every Splitter, so New is cheap. The package tests
// check the files; should one fail to compile all the same, its language
// gets the generic rules and, should the generic file fail, the bare
// punctuation rules built into the package: New never panics.
func New(tag language.Tag) *Splitter {
	set := compiled()
	if r, ok := set.tables[baseOf(tag)]; ok {
		return &Splitter{r: r}
	}
	if r, ok := set.tables[""]; ok {
		return &Splitter{r: r}
	}
	return &Splitter{r: bareRules()}
}

// HasRules reports whether the base language of tag has rules of its own
// (rules/<base>.toml: "en", "ru", "kk", "tr" and their regional variants),
// so that a caller can tell its user when New falls back to the generic
// rules. It reports false for "und" and the zero Tag.
func HasRules(tag language.Tag) bool {
	lang := baseOf(tag)
	if lang == "" {
		return false
	}
	_, ok := compiled().tables[lang]
	return ok
}

// OrdinalNumbers reports whether the rules read a number with a period as
// an ordinal ("42. yıl" in Turkish), so that "42." opening a paragraph is
// more likely part of a sentence than a list item.
func (s *Splitter) OrdinalNumbers() bool {
	return s != nil && s.r != nil && s.r.ordinalNumbers
}

// baseOf returns the base language that tag names, or "" if it names none.
func baseOf(tag language.Tag) string {
	// Base guesses a language for "und" ("en"); only a language the tag names counts.
	if base, conf := tag.Base(); conf == language.Exact {
		return base.String()
	}
	return ""
}

// language returns the base language whose rules s uses, or "" for the
// generic rules.
func (s *Splitter) language() string {
	if s == nil || s.r == nil {
		return ""
	}
	return s.r.lang
}

// bareRules returns the rules New falls back to when the embedded files
// cannot be read: ". ! ? …" end sentences, nothing else is known.
func bareRules() *rules {
	r := newRules("")
	r.setFlags('.', fStop)
	r.setFlags('!', fStrong)
	r.setFlags('?', fStrong)
	r.setFlags('…', fEllipsis)
	for _, c := range `")]’”»` {
		r.setFlags(c, fCloser)
	}
	for _, c := range `"([‘“«—–` {
		r.setFlags(c, fOpener)
	}
	return r
}

// maxKey bounds the length in bytes of an abbreviation key; longer words are
// never looked up.
const maxKey = 64

// maxWord bounds how far the splitter looks at a neighbouring word.
const maxWord = 64

// Split returns the sentences of text in order. The text between consecutive
// spans, and before the first and after the last, is white space only
// (Unicode white space, including no-break and thin spaces and newlines),
// or nothing at all where a sentence ends with no space after it.
// Empty or all-space text gives no spans. Placeholders <N>, </N> and <N/> are
// never cut; invalid UTF-8 is kept as ordinary non-space characters.
//
// A sentence ends after a terminator (". ! ? …" and the like, with any closing
// quotes, brackets and </N> that follow it) when white space follows and the
// next word, looked at past opening quotes, dashes and <N>, may begin a new
// sentence; the rule tables decide that for abbreviations, initials, numbers
// and ellipses. Text with no white space after a full stop is cut only where
// a word runs into a capitalised word ("world.Today") or a citation follows
// ("martyr.[1] The"), never in "example.com", "3.5" or "main.go". The items of
// an inline list ("1) one 2) two", "a. one b. two", "• one • two") are
// sentences of their own.
func (s *Splitter) Split(text string) []Span { return s.split(nil, text, false) }

// AppendSplit is Split that appends the sentences to spans and returns the
// extended slice, so that a caller splitting many texts can reuse one.
func (s *Splitter) AppendSplit(spans []Span, text string) []Span {
	return s.split(spans, text, false)
}

// SplitLines is Split for plain text laid out in lines: a line break also
// ends a sentence when the line before it has no end punctuation and the
// next line starts like a new one (a capital, a digit, a bullet, a bracket
// or a quotation mark), as after a heading or between list-like lines. A
// line that runs on in small letters, or a lone full stop on the next
// line, continues the sentence.
func (s *Splitter) SplitLines(text string) []Span { return s.split(nil, text, true) }

// AppendSplitLines is SplitLines that appends the sentences to spans.
func (s *Splitter) AppendSplitLines(spans []Span, text string) []Span {
	return s.split(spans, text, true)
}

func (s *Splitter) split(spans []Span, text string, lines bool) []Span {
	if s == nil || s.r == nil {
		return New(language.Und).split(spans, text, lines)
	}
	r := s.r
	var (
		start    = -1 // first byte of the current sentence, -1 before it
		lastEnd  = 0  // end of the last non-space character
		prevEnd  = 0  // end of the last non-space character before the current word
		tokStart = 0  // first byte of the current word: after the last white space
		st       = state{lastNumber: -1}
		n        = len(text)
	)
	// No closures here: variables that a closure shares live in memory,
	// and this loop reads them for every word.
	for i := 0; i < n; {
		c := text[i]
		switch r.scan[c] {
		case scanOther:
			if start < 0 {
				start = i
			}
			end, space := r.words(text, i)
			if space >= 0 {
				prevEnd, tokStart = space, space+1
			}
			i, lastEnd = end, end
			continue
		case scanSpace:
			if c == '\n' && lines && start >= 0 && r.lineBreak(text, start, lastEnd, i) {
				spans = appendSpan(spans, n, start, lastEnd)
				start = -1
			}
			prevEnd = lastEnd
			i++
			tokStart = i
			continue
		case scanMark:
			// ')' may end a list marker, a quotation mark may open a quotation.
			if c == ')' {
				if i+1 == n || r.isSpaceAt(text, i+1) {
					if ok, cont := r.parenItem(text, start, tokStart, i, &st); ok && cont {
						start = cutBefore(&spans, n, start, tokStart, prevEnd)
					}
				}
			} else if i == tokStart {
				st.quote(r, text, start, i, rune(c), 1)
			}
			if start < 0 {
				start = i
			}
			i++
			lastEnd = i
			continue
		case scanLead:
			ch, size := utf8.DecodeRuneInString(text[i:])
			f := r.flags(ch)
			if ch == utf8.RuneError && size == 1 {
				f = 0
			}
			if f&fSpace != 0 {
				if lines && (ch == '\u2028' || ch == '\u2029') && start >= 0 && r.lineBreak(text, start, lastEnd, i) {
					spans = appendSpan(spans, n, start, lastEnd)
					start = -1
				}
				prevEnd = lastEnd
				i += size
				tokStart = i
				continue
			}
			if f&fTerm == 0 {
				if i == tokStart {
					if f&fBullet != 0 {
						// "• one • two": a bullet that opened the sentence
						// opens an item each time it comes back.
						if start < 0 {
							st.bullet = ch
						} else if st.bullet == ch {
							start = cutBefore(&spans, n, start, i, prevEnd)
						}
					} else if f&fOpener != 0 {
						st.quote(r, text, start, i, ch, size)
					}
				}
				if start < 0 {
					start = i
				}
				i += size
				lastEnd = i
				continue
			}
		}
		// A terminator at text[i].
		if start < 0 {
			start = i
		}
		cl := r.cluster(text, i)
		lastEnd = cl.end
		w := r.word(text, tokStart, i)
		marker := false
		if !cl.strong && !cl.ellipsis && cl.dots == 1 && mayMark(w.w) {
			var cont bool
			if marker, cont = r.dotItem(text, start, tokStart, w, &st); marker && cont {
				start = cutBefore(&spans, n, start, tokStart, prevEnd)
			}
		}
		end := -1
		if cl.end < n && !(lowerNext(r, text, cl.end) && !cl.strong && !cl.unspaced) &&
			(i >= st.quoteEnd || !st.inside(r, text, i, cl)) {
			end = r.boundary(text, start, tokStart, i, cl, w, marker)
		}
		if end < 0 {
			i = cl.end
			continue
		}
		spans = appendSpan(spans, n, start, min(end, cl.end))
		start = -1
		if end > cl.end {
			// a citation after the full stop: "martyr.[1] The"
			spans[len(spans)-1].End = end
			lastEnd = end
		}
		i, tokStart, prevEnd = end, end, end
	}
	if start >= 0 {
		spans = appendSpan(spans, n, start, lastEnd)
	}
	return spans
}

// lowerNext reports whether a space and a small ASCII letter follow
// text[i]: after a full stop, the sentence goes on, and boundary need not
// look ("etc. and", "a.m. on").
func lowerNext(r *rules, text string, i int) bool {
	if i+1 >= len(text) || text[i] != ' ' {
		return false
	}
	c := text[i+1]
	return c < utf8.RuneSelf && r.low[c]&fLower != 0
}

// appendSpan appends the sentence text[start:end] to spans; a text of n
// bytes gets room for about one sentence per 128 bytes at once.
func appendSpan(spans []Span, n, start, end int) []Span {
	if spans == nil {
		spans = make([]Span, 0, 1+n/128)
	}
	return append(spans, Span{start, end})
}

// cutBefore ends the sentence that starts at text[start] before the word at
// text[tok], which starts the next one, and returns where the current
// sentence starts then. The sentence ends at prevEnd, where the last word
// before tok ends.
func cutBefore(spans *[]Span, n, start, tok, prevEnd int) int {
	if start >= 0 && start < tok && prevEnd > start {
		*spans = appendSpan(*spans, n, start, prevEnd)
		return tok
	}
	return start
}

// words reads the words at text[i:], which starts with a byte of a word,
// and the single spaces between them, up to the first byte that the main
// loop must look at. It returns where that byte is and where the last
// space read is, or -1.
func (r *rules) words(text string, i int) (end, space int) {
	space = -1
	for {
		i++
		for i < len(text) && r.scan[text[i]] == scanOther {
			i++
		}
		if i+1 < len(text) && text[i] == ' ' && r.scan[text[i+1]] == scanOther {
			space = i
			i++
			continue
		}
		return i, space
	}
}

// state is what Split remembers from one candidate boundary to the next.
type state struct {
	lastNumber int  // number of the last inline list item marker ("2."), -1 for none
	lastLetter rune // letter of the last lettered item marker ("b.", "б)"), 0 for none
	lastRoman  int  // value of the last item marker in small Roman numerals ("ii)"), 0 for none
	lastUpper  int  // value of the last item marker in capital Roman numerals ("II."), 0 for none
	bullet     rune // the bullet that opened an item, 0 for none

	quoteEnd  int  // offset of the closing mark of the quotation being read, 0 for none
	quoteMid  bool // that quotation opened inside a sentence: "thought Alice, 'Oh!"
	quoteKind int  // that quotation's kind: qDouble…
	closers   [numQuotes]closerCache
}

// quoteSpan bounds how far a quotation may run, in bytes.
const quoteSpan = 2000

// Quotation marks whose quotations Split follows.
const (
	qDouble      = iota // "…"
	qSingle             // '…'
	qCurly              // “…”
	qCurly1             // ‘…’
	qGuillemet          // «…»
	qLow                // „…“ or „…”
	qSingleAngle        // ‹…›
	numQuotes
)

// closerCache remembers the last search for a closing quotation mark, so
// that searches never read the same bytes twice.
type closerCache struct {
	from, pos, to int // searched text[from:to]; the first closer there is at pos, -1 for none
}

// quote notes an opening quotation mark ch at text[i] that begins a word;
// the sentence began at text[start] (-1: it begins here).
func (st *state) quote(r *rules, text string, start, i int, ch rune, size int) {
	if i < st.quoteEnd {
		return // a quotation inside the quotation
	}
	var q int
	switch ch {
	case '"':
		q = qDouble
	case '\'':
		q = qSingle
	case '“':
		q = qCurly
	case '‘':
		q = qCurly1
	case '«':
		q = qGuillemet
	case '„':
		q = qLow
	case '‹':
		q = qSingleAngle
	default:
		return
	}
	if q == qSingle && (i+1 >= len(text) || !r.isLetterAt(text, i+1)) {
		return // "the '90s"
	}
	if k := st.closer(r, text, q, i+size); k > 0 {
		st.quoteEnd, st.quoteMid, st.quoteKind = k, start >= 0 && start < i, q
	}
}

// closer returns the offset of the first closing mark of quotation kind q
// at or after text[from] and within quoteSpan bytes, or -1.
func (st *state) closer(r *rules, text string, q, from int) int {
	c := &st.closers[q]
	limit := min(len(text), from+quoteSpan)
	scan := from
	if c.to > 0 && from >= c.from {
		switch {
		case c.pos >= from:
			return c.pos
		case c.pos < 0 && limit <= c.to:
			return -1
		case c.pos < 0:
			scan = max(from, c.to)
		}
	}
	c.from, c.pos, c.to = from, -1, limit
	for i := scan; i < limit; {
		ch, size := utf8.DecodeRuneInString(text[i:])
		if (q == qDouble || q == qSingle) && isCloserOf(q, ch) && (i == 0 || r.isSpaceAt(text, i-size2(text, i))) &&
			i+size < len(text) && r.isLetterAt(text, i+size) {
			// The same straight mark opens another quotation first
			// (`"We won. They "know" it.`): the closer that follows is
			// that one's, and this quotation is left open.
			c.to = i
			return -1
		}
		if isCloserOf(q, ch) && i > 0 && !r.isSpaceAt(text, i-size2(text, i)) {
			// a straight quote or apostrophe inside a word is no closer: "they'll"
			if (q != qDouble && q != qSingle && q != qCurly1) || i+size >= len(text) || !r.isLetterAt(text, i+size) {
				c.pos = i
				return i
			}
		}
		i += size
	}
	return -1
}

// size2 returns the size of the rune that ends at text[i].
func size2(text string, i int) int {
	_, size := utf8.DecodeLastRuneInString(text[:i])
	return size
}

func isCloserOf(q int, ch rune) bool {
	switch q {
	case qDouble:
		return ch == '"'
	case qSingle:
		return ch == '\''
	case qCurly:
		return ch == '”'
	case qCurly1:
		return ch == '’'
	case qGuillemet:
		return ch == '»'
	case qLow:
		return ch == '“' || ch == '”'
	}
	return ch == '›'
}

// inside reports whether the terminator run cl at text[i] lies inside a
// quotation that does not let it end the sentence: one opened inside a
// sentence ("'Well!' thought Alice, 'how brave! Why…'"), one in double
// quotation marks or guillemets that opens a sentence ("We will not stop.
// The work goes on," the minister said; «Мы готовы. Решение за вами», —
// сказал он), one in single marks that closes after punctuation ('We
// will not stop. It goes on,' he said; not 'Tis the season. The kids'
// toys), or one whose narrator's words go on after a dash («Ты поел? –
// спросила мама. – Суп…»). A quotation of several sentences is one
// utterance, and a translator gets it whole.
func (st *state) inside(r *rules, text string, i int, cl cluster) bool {
	if i >= st.quoteEnd || cl.end > st.quoteEnd {
		return false
	}
	if st.quoteMid {
		return true
	}
	switch st.quoteKind {
	case qDouble, qCurly, qGuillemet, qLow:
		return true
	}
	if before, _ := utf8.DecodeLastRuneInString(text[:st.quoteEnd]); strings.ContainsRune(",.!?…;", before) {
		return true
	}
	for j := cl.end; j < len(text); {
		ch, size := utf8.DecodeRuneInString(text[j:])
		if r.flags(ch)&fSpace == 0 {
			return ch == '–' || ch == '—'
		}
		j += size
	}
	return false
}

// cluster is a run of terminators with the closing marks that follow them:
// "." or "?!" or "...”)" or ".</3>".
type cluster struct {
	end      int  // first byte after the run
	dots     int  // full stops in the run
	ellipsis bool // the run has "…"
	strong   bool // the run has "?" or "!"
	unspaced bool // the run has "。" or the like
	closed   bool // a closing quote or bracket follows a terminator
	spaced   bool // the run is a spaced ellipsis: ". . ."
}

// cluster reads the terminator run starting at text[i].
func (r *rules) cluster(text string, i int) cluster {
	var cl cluster
	n := len(text)
	// Most runs are one ASCII terminator before a space or a letter.
	if c := text[i]; c < utf8.RuneSelf && i+1 < n {
		d := text[i+1]
		if d < utf8.RuneSelf && d != '<' && r.low[d]&(fTerm|fCloser) == 0 && !(d == ' ' && i+2 < n && text[i+2] == '.') {
			switch f := r.low[c]; {
			case f&fStop != 0:
				return cluster{end: i + 1, dots: 1}
			case f&fStrong != 0:
				return cluster{end: i + 1, strong: true}
			case f&fEllipsis != 0:
				return cluster{end: i + 1, ellipsis: true}
			case f&fUnspaced != 0:
				return cluster{end: i + 1, unspaced: true}
			}
		}
	}
	lastDot := false
	for i < n {
		c := text[i]
		if c == '<' {
			if k, size := placeholderAt(text, i); k == phClose {
				i += size
				lastDot = false
				continue
			}
			break
		}
		// ". . ." is one ellipsis: a dot, a space and a dot that is followed by
		// a space, another dot, a closer or the end.
		if c == ' ' && lastDot && i+1 < n && text[i+1] == '.' &&
			(i+2 == n || text[i+2] == ' ' || text[i+2] == '.' || r.isCloserAt(text, i+2)) {
			i++
			cl.spaced = true
			continue
		}
		ch, size := rune(c), 1
		if c >= utf8.RuneSelf {
			ch, size = utf8.DecodeRuneInString(text[i:])
			if ch == utf8.RuneError && size == 1 {
				break
			}
		}
		f := r.flags(ch)
		switch {
		case f&fStop != 0:
			cl.dots++
		case f&fStrong != 0:
			cl.strong = true
		case f&fEllipsis != 0:
			cl.ellipsis = true
		case f&fUnspaced != 0:
			cl.unspaced = true
		case f&fCloser != 0:
			cl.closed = true
		default:
			cl.end = i
			return cl
		}
		lastDot = f&fStop != 0
		i += size
	}
	cl.end = i
	return cl
}

// isCloserAt reports whether a closing mark starts at text[i].
func (r *rules) isCloserAt(text string, i int) bool {
	ch, size := utf8.DecodeRuneInString(text[i:])
	if ch == utf8.RuneError && size <= 1 {
		return false
	}
	return r.flags(ch)&fCloser != 0
}

// Kinds of the word after a candidate boundary.
const (
	nextNone  = iota // only white space follows
	nextUpper        // a capital letter
	nextLower        // a small letter
	nextDigit        // a digit
	nextOther        // anything else: a symbol, a letter without case, <N/>
)

// next describes the first word after a candidate boundary.
type next struct {
	kind    int
	at      int    // where a capitalised word starts in text
	word    string // its letters ("He" of "He's"), at most maxWord bytes, once nextWord has read them
	wordEnd int    // index after word in text, likewise
	direct  bool   // the word follows the white space directly, with no opener between
}

// peek looks at the text after a candidate boundary at text[i], past white
// space, opening quotes and brackets, dashes, bullets, <N> and </N>.
func (r *rules) peek(text string, i int) next {
	n := len(text)
	// Most often: one space and an ASCII capital.
	if i+1 < n && text[i] == ' ' {
		if c := text[i+1]; c < utf8.RuneSelf && r.low[c]&(fUpper|fOpener|fBullet|fSpace) == fUpper {
			return next{kind: nextUpper, at: i + 1, direct: true}
		}
	}
	direct := true
	for i < n {
		c := text[i]
		if c == '<' {
			k, size := placeholderAt(text, i)
			if k == phOpen || k == phClose {
				i += size
				direct = false
				continue
			}
			return next{kind: nextOther} // <N/> is a word of no case; '<' a symbol
		}
		ch, size := rune(c), 1
		if c >= utf8.RuneSelf {
			ch, size = utf8.DecodeRuneInString(text[i:])
			if ch == utf8.RuneError && size == 1 {
				return next{kind: nextOther}
			}
		}
		f := r.flags(ch)
		if f&fSpace != 0 {
			i += size
			continue
		}
		if f&(fOpener|fBullet) != 0 {
			direct = false
			i += size
			continue
		}
		var nx next
		nx.direct = direct
		switch {
		case r.isUpper(ch):
			nx.kind, nx.at = nextUpper, i
			return nx // nextWord reads the word if a rule needs it
		case r.isLower(ch):
			nx.kind = nextLower
			return nx // no rule reads a word in small letters
		case unicode.IsDigit(ch) || f&fNumSign != 0:
			nx.kind = nextDigit // "5", "№ 5"
			return nx
		default:
			nx.kind = nextOther
			return nx
		}
	}
	return next{kind: nextNone}
}

// nextWord fills in the word of nx, if it is a capitalised word that peek
// found in text and that is not read yet.
func (r *rules) nextWord(text string, nx *next) {
	if nx.kind != nextUpper || nx.wordEnd > 0 {
		return
	}
	n, i := len(text), nx.at
	j := i
	for j < n && j-i < maxWord {
		if c := text[j]; c < utf8.RuneSelf {
			if r.low[c]&fLetter == 0 {
				break
			}
			j++
			continue
		}
		ch, size := utf8.DecodeRuneInString(text[j:])
		if !r.isLetter(ch) {
			break
		}
		j += size
	}
	nx.word, nx.wordEnd = text[i:j], j
}

// Placeholder kinds.
const (
	phNone = iota
	phOpen
	phClose
	phStandalone
)

// placeholderAt reports the placeholder <N>, </N> or <N/> (N decimal digits)
// that starts at text[i], and its length in bytes.
func placeholderAt(text string, i int) (kind, size int) {
	n := len(text)
	if i >= n || text[i] != '<' {
		return phNone, 0
	}
	j := i + 1
	kind = phOpen
	if j < n && text[j] == '/' {
		kind = phClose
		j++
	}
	d := j
	for j < n && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	if j == d || j >= n {
		return phNone, 0
	}
	switch {
	case text[j] == '>':
		return kind, j + 1 - i
	case kind == phOpen && text[j] == '/' && j+1 < n && text[j+1] == '>':
		return phStandalone, j + 2 - i
	}
	return phNone, 0
}

// boundary decides whether the terminator run cl, which starts at text[term]
// and belongs to the word starting at text[tok], ends the sentence that
// starts at text[start]. It returns where the sentence ends (cl.end, or
// earlier or later when the run is cut or a citation follows), or -1.
// wd is that word; marker says it is an inline list item's marker ("2.").
func (r *rules) boundary(text string, start, tok, term int, cl cluster, wd word, marker bool) int {
	if cl.unspaced {
		return cl.end
	}
	if c := text[cl.end]; c < utf8.RuneSelf && r.low[c]&fSpace == 0 || c >= utf8.RuneSelf && !r.isSpaceAt(text, cl.end) {
		return r.glued(text, cl, wd.w) // "world.Today", "martyr.[1] The"; not "example.com", "3.5"
	}
	nx := r.peek(text, cl.end)
	if nx.kind == nextNone {
		return -1
	}
	w, trailingCloser := wd.w, wd.closed
	if nx.kind == nextLower {
		// "Yahoo! in", "etc. and", "15. yüzyıl", «Куда?» — спросил; Kazakh
		// asks question after question in small letters: "кім? не?"
		if cl.strong && r.strongBeforeLower && nx.direct && !cl.closed {
			return cl.end
		}
		return -1
	}
	if cl.strong {
		// “Why now?” Tokayev asked. — a name and a verb of saying after a
		// quoted question or exclamation finish the same sentence.
		if cl.closed && r.attribution(text, nx) {
			return -1
		}
		return cl.end
	}
	if cl.ellipsis || cl.dots > 1 {
		// "…" or "..." attached to a word ends a sentence before a capital.
		// Set off by spaces on both sides, three dots mark words left out
		// inside a sentence; four dots are an ellipsis and a full stop.
		if nx.kind != nextUpper || w == "" && cl.dots < 4 && !(cl.ellipsis && cl.dots > 0) {
			return -1
		}
		if cl.spaced && cl.dots >= 4 && w != "" && text[term] == '.' {
			// "compounds. . . . The": the full stop ends the sentence, the
			// ellipsis opens the next one.
			return term + 1
		}
		return cl.end
	}
	if marker {
		return -1 // "1. The first item", "Steps: 1. Open"
	}
	if cl.closed || trailingCloser || w == "" {
		return cl.end // “He left.” She said. / (See above.) Next / «Он ушёл». Потом
	}
	if r.endsAt(text, start, tok, w, nx) {
		return cl.end
	}
	return -1
}

// endsAt decides whether a full stop after the word w, with white space and
// the word nx after it, ends the sentence.
func (r *rules) endsAt(text string, start, tok int, w string, nx next) bool {
	if r.continues(text, w, &nx) {
		return false // "Ltd. Şti.", "Prof. Dr."
	}
	if c, ok := r.classOf(text, start, tok, w); ok {
		switch c {
		case classNever:
			return false
		case classCapital:
			return nx.kind == nextUpper
		case classStarter:
			return r.starterNext(text, &nx)
		case classAfterNumber, classAfterNumberStarter:
			// "Подписано в 2023 г. В январе…" ends; "В 2023 г. Москва…" does
			// not: a number at the start of a sentence, alone or after a
			// sentence starter (often a preposition), cannot end it. After a
			// year, "г." ends a sentence only before a sentence starter: "в
			// 2019 г. Токаев ратифицировал" goes on.
			ok, ns := r.prevIsNumber(text, tok, start)
			if !ok || ns == start {
				return false
			}
			if p, ps, ok := r.prevWord(text, ns, start); ok && ps == start {
				if p, _ = r.wordAt(p, 0, len(p)); r.isStarter(p) {
					return false
				}
			}
			if c == classAfterNumberStarter && !r.isDate(text, ns, start) {
				return r.starterNext(text, &nx)
			}
			return nx.kind == nextUpper
		case classNumber:
			if nx.kind == nextDigit {
				return false
			}
			// Before anything else, like an ordinary word.
		}
	}

	switch {
	case isInitial(w):
		// "J. R. R. Tolkien", "К. Токаев". A letter that is also a word ("I")
		// is an initial only after a capitalised word: "Albert I. Jones" but
		// "you and I. Did".
		if _, ok := r.pronouns[w]; ok {
			p, _, ok := r.prevWord(text, tok, start)
			if !ok || !startsUpper(p) {
				return true
			}
		}
		// No name is a sentence starter of two letters or more: "vitamin B.
		// It is" ends (while "Н. А. Назарбаев" goes on).
		r.nextWord(text, &nx)
		return utf8.RuneCountInString(nx.word) > 1 && r.starterNext(text, &nx)
	case strings.IndexByte(w, '.') > 0 && isDottedAcronym(w):
		return r.starterNext(text, &nx) // "U.N. Security Council" but "E.U. How"
	case isDigits(w):
		if r.nextWord(text, &nx); nx.kind == nextUpper && r.ordinalNext(nx.word) {
			return false // "1. Dünya Savaşı", "3. Maddesi"
		}
		if r.ordinalNumbers {
			return r.starterNext(text, &nx) // Turkish "1. Ulusal Kongre" but "sayısı 12. Bu"
		}
	case r.ordinalRoman && isRoman(w):
		return r.starterNext(text, &nx) // Turkish "II. Abdülhamid", "XVI. Yüzyıl"
	}
	return true
}

// ordinalNext reports whether w is, or starts with, one of the words after
// which a number with a period is an ordinal: the Turkish stem "Madde" also
// matches "Maddesi" and "Maddede".
func (r *rules) ordinalNext(w string) bool {
	for i := len(w); i > 0; {
		if _, ok := r.ordinals[w[:i]]; ok {
			return true
		}
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
	}
	return false
}

// attribution reports whether the capitalised word nx and at most two more
// capitalised words are followed by a verb of saying: “Why?” President
// Tokayev asked.
func (r *rules) attribution(text string, nx next) bool {
	if len(r.speech) == 0 || nx.kind != nextUpper {
		return false
	}
	r.nextWord(text, &nx)
	i := nx.wordEnd
	for range 3 {
		// One space or line break between the words.
		ch, size := utf8.DecodeRuneInString(text[i:])
		if r.flags(ch)&fSpace == 0 {
			return false
		}
		i += size
		j := i
		for j < len(text) && j-i < maxWord {
			ch, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(ch) {
				break
			}
			j += size
		}
		w := text[i:j]
		if _, ok := r.speech[w]; ok {
			return true
		}
		if !startsUpper(w) {
			return false
		}
		i = j
	}
	return false
}

// starterNext reports whether the next word is a capitalised sentence starter.
func (r *rules) starterNext(text string, nx *next) bool {
	if nx.kind != nextUpper {
		return false
	}
	r.nextWord(text, nx)
	return r.isStarter(nx.word)
}

// isStarter reports whether w is a sentence starter.
func (r *rules) isStarter(w string) bool {
	_, ok := r.starters[w]
	return ok
}

// isSpaceAt reports whether a white-space character starts at text[i].
func (r *rules) isSpaceAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return r.low[c]&fSpace != 0
	}
	ch, size := utf8.DecodeRuneInString(text[i:])
	if ch == utf8.RuneError && size == 1 {
		return false
	}
	return r.flags(ch)&fSpace != 0
}

// word returns the word before a terminator at text[term], text[tok:term],
// without the opening marks, bullets and placeholders in front of it and
// without closing placeholders after it. trailingCloser reports a closing
// quote or bracket right before the terminator: «ушёл». cannot end in an
// abbreviation.
func (r *rules) word(text string, tok, term int) word {
	w, closed := r.wordAt(text, tok, term)
	return word{w, closed}
}

// word is the word before a terminator, as wordAt reads it.
type word struct {
	w      string
	closed bool // a closing quote or bracket ends it
}

// wordAt returns the word before a terminator at text[term], text[tok:term],
// as word describes it.
func (r *rules) wordAt(text string, tok, term int) (w string, trailingCloser bool) {
	if tok < term {
		// Most words start with an ASCII character that is no opener and
		// end with one that ends no placeholder: nothing to trim.
		a, z := text[tok], text[term-1]
		if a < utf8.RuneSelf && a != '<' && r.low[a]&(fOpener|fBullet) == 0 && z < utf8.RuneSelf && z != '>' {
			return text[tok:term], r.low[z]&fCloser != 0
		}
	}
	i := tok
	for i < term {
		if text[i] == '<' {
			if k, size := placeholderAt(text, i); k != phNone && i+size <= term {
				i += size
				continue
			}
			break
		}
		if c := text[i]; c < utf8.RuneSelf {
			if r.low[c]&(fOpener|fBullet) == 0 {
				break
			}
			i++
			continue
		}
		ch, size := utf8.DecodeRuneInString(text[i:term])
		if ch == utf8.RuneError && size <= 1 {
			break
		}
		if r.flags(ch)&(fOpener|fBullet) == 0 {
			break
		}
		i += size
	}
	j := term
	for j > i {
		if text[j-1] == '>' {
			// Find a closing placeholder that ends at j.
			k := j - 2
			for k > i && text[k] >= '0' && text[k] <= '9' {
				k--
			}
			if k-1 >= i && text[k] == '/' && text[k-1] == '<' && k+1 < j-1 {
				j = k - 1
				continue
			}
		}
		break
	}
	if j > i {
		if c := text[j-1]; c < utf8.RuneSelf {
			trailingCloser = r.low[c]&fCloser != 0
		} else if ch, _ := utf8.DecodeLastRuneInString(text[i:j]); ch != utf8.RuneError && r.flags(ch)&fCloser != 0 {
			trailingCloser = true
		}
	}
	return text[i:j], trailingCloser
}

// prevWord returns the word before the one that starts at text[pos], if it
// lies within the sentence that starts at text[start] and is separated from
// pos by white space only. The word is returned whole, openers included.
func (r *rules) prevWord(text string, pos, start int) (w string, wStart int, ok bool) {
	// Back over white space to the end of the previous word.
	e := pos
	for e > start && pos-e <= 8 {
		if c := text[e-1]; c < utf8.RuneSelf {
			if r.low[c]&fSpace == 0 {
				break
			}
			e--
			continue
		}
		ch, size := utf8.DecodeLastRuneInString(text[start:e])
		if ch == utf8.RuneError && size <= 1 || r.flags(ch)&fSpace == 0 {
			break
		}
		e -= size
	}
	if e == pos || e <= start || pos-e > 8 {
		return "", 0, false
	}
	s := e
	for s > start && e-s <= maxWord {
		if c := text[s-1]; c < utf8.RuneSelf {
			if r.low[c]&fSpace != 0 {
				break
			}
			s--
			continue
		}
		ch, size := utf8.DecodeLastRuneInString(text[start:s])
		if !(ch == utf8.RuneError && size <= 1) && r.flags(ch)&fSpace != 0 {
			break
		}
		s -= size
	}
	if e-s > maxWord {
		return "", 0, false
	}
	return text[s:e], s, true
}

// dotBefore reports whether the white space before text[pos] follows a period.
func (r *rules) dotBefore(text string, pos, start int) bool {
	for e := pos; e > start && pos-e <= 8; {
		if c := text[e-1]; c < utf8.RuneSelf {
			if r.low[c]&fSpace == 0 {
				return e < pos && c == '.'
			}
			e--
			continue
		}
		ch, size := utf8.DecodeLastRuneInString(text[start:e])
		if ch == utf8.RuneError && size <= 1 || r.flags(ch)&fSpace == 0 {
			return e < pos && text[e-1] == '.'
		}
		e -= size
	}
	return false
}

// classOf looks the word before a full stop up in the abbreviation table.
// It tries the longest chain of abbreviated words first ("т. е." as "т.е",
// "Prof. Dr."), then the word alone, then the part of the word after its last
// period ("Tuesday.Mr").
func (r *rules) classOf(text string, start, tok int, w string) (class, bool) {
	if len(w) > maxKey {
		return 0, false
	}
	// Words before this one that end in a period, nearest first.
	var prev [4]string
	np := 0
	pos := tok
	for np < len(prev) && np+1 < r.maxParts && r.dotBefore(text, pos, start) {
		p, ps, ok := r.prevWord(text, pos, start)
		if !ok || len(p) < 2 || p[len(p)-1] != '.' {
			break
		}
		prev[np] = p
		np++
		pos = ps
	}
	var buf [maxKey]byte
	for k := np; k >= 0; k-- {
		// The k words before w, then w: "т." + "е" is "т.е".
		key, ok := buf[:0], true
		for j := k - 1; j >= 0 && ok; j-- {
			if j == k-1 {
				// The first word of the chain may carry openers: "(т. е."
				p, _ := r.wordAt(prev[j], 0, len(prev[j])-1)
				key, ok = appendKey(key, p, ".")
			} else {
				key, ok = appendKey(key, prev[j], "")
			}
		}
		if key, ok = appendKey(key, w, ""); !ok {
			continue
		}
		if c, found := r.lookup(key); found {
			return c, true
		}
	}
	for i := len(w) - 1; i > 0; i-- {
		if w[i] == '.' {
			if i+1 < len(w) {
				return r.lookup(append(buf[:0], w[i+1:]...))
			}
			break
		}
	}
	return 0, false
}

// appendKey appends s and suffix to key, or reports false if they do not fit in maxKey bytes.
func appendKey(key []byte, s, suffix string) ([]byte, bool) {
	if len(key)+len(s)+len(suffix) > maxKey {
		return key, false
	}
	return append(append(key, s...), suffix...), true
}

// continues reports whether the word before the full stop begins a
// multi-part abbreviation that the next word continues or completes: "Ltd."
// of "Ltd. Şti.", "долл." of "долл. США". A next word with no period after
// it completes an abbreviation only if it has two letters or more, so that a
// stray capital after a prefix ("U. S") is still read as an initial.
func (r *rules) continues(text string, w string, nx *next) bool {
	if !nx.direct || nx.kind != nextUpper {
		return false
	}
	if !r.prefixKey.mayHave(foldHash(w)) {
		return false
	}
	if _, ok := r.prefixes[w]; !ok {
		return false
	}
	r.nextWord(text, nx)
	var buf [maxKey]byte
	if len(w)+1+len(nx.word) > len(buf) {
		return false
	}
	key := append(append(append(buf[:0], w...), '.'), nx.word...)
	if nx.wordEnd >= len(text) || text[nx.wordEnd] != '.' {
		if utf8.RuneCountInString(nx.word) < 2 {
			return false
		}
		// "долл. США," or "долл. США на": the whole word ends the abbreviation.
		_, ok := r.abbr[string(key)]
		return ok
	}
	if _, ok := r.abbr[string(key)]; ok {
		return true
	}
	_, ok := r.prefixes[string(key)]
	return ok
}

// prevIsNumber reports whether the word before the one at text[tok] is a
// number: "2023 г.", "1990-х гг.", "XIX в.".
// Up to two abbreviations may stand between: "2,7 млн кв. км.". It also
// returns where that number starts.
func (r *rules) prevIsNumber(text string, tok, start int) (bool, int) {
	pos := tok
	for range 3 {
		p, ps, ok := r.prevWord(text, pos, start)
		if !ok {
			return false, 0
		}
		p, _ = r.wordAt(p, 0, len(p))
		ch, _ := utf8.DecodeRuneInString(p)
		if unicode.IsDigit(ch) || isRoman(trimDashes(p)) {
			return true, ps
		}
		if !r.isAbbreviation(p) {
			return false, 0
		}
		pos = ps
	}
	return false, 0
}

// isDate reports whether the number at text[ns] is the year of a full date,
// a number and a word before it: "10 мая 2022 г." ends a sentence before
// any capital.
func (r *rules) isDate(text string, ns, start int) bool {
	_, ms, ok := r.prevWord(text, ns, start)
	if !ok {
		return false
	}
	d, _, ok := r.prevWord(text, ms, start)
	d, _ = r.wordAt(d, 0, len(d))
	return ok && isDigits(d) && len(d) <= 2
}

// isAbbreviation reports whether w, with or without a final period, is in
// the abbreviation table.
func (r *rules) isAbbreviation(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if w == "" || len(w) > maxKey {
		return false
	}
	var buf [maxKey]byte
	_, ok := r.lookup(append(buf[:0], w...))
	return ok
}

// dotItem reports whether the word before the full stop at text[term] is the
// marker of an item of an inline list ("1. first 2. second", "a. The first
// item", "I. Introduction"), and whether it continues the list of an
// earlier marker, so that the item starts a new sentence. A marker is a
// number of one or two digits, a small Latin letter, or a Roman numeral in
// capitals; it opens the sentence, follows a colon or a bullet, or continues
// the numbering of the marker before it. A single capital letter counts at
// the start of a sentence only. Where numbers or Roman numerals with a
// period are ordinals (Turkish "2. Dünya Savaşı"), only a marker that opens
// the sentence counts.
func (r *rules) dotItem(text string, start, tok int, wd word, st *state) (ok, cont bool) {
	w := wd.w
	if wd.closed || w == "" {
		return false, false
	}
	// Only a small number, a small letter, a Roman numeral or an initial
	// may be a marker: other words need no look at the words before.
	num := smallNumber(w)
	if num < 0 && !(len(w) == 1 && w[0] >= 'a' && w[0] <= 'z') && romanValue(w) == 0 && !isInitial(w) {
		return false, false
	}
	first := r.itemFirst(text, start, tok)
	if num >= 0 {
		switch {
		case first:
			st.lastNumber = num
			return true, false
		case st.lastNumber >= 0 && num == st.lastNumber+1 && !r.ordinalNumbers:
			st.lastNumber = num
			return true, true
		}
		return false, false
	}
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		return st.letter(r, rune(w[0]), first)
	}
	if v := romanValue(w); v > 0 {
		switch {
		case first:
			st.lastUpper = v
			return true, false
		case st.lastUpper > 0 && v == st.lastUpper+1 && !r.ordinalRoman && len(w) > 1:
			st.lastUpper = v
			return true, true
		}
		return false, false
	}
	return first && isInitial(w), false
}

// mayMark reports whether w can be what dotItem takes for a marker: one
// or two digits, a small letter, a Roman numeral or an initial. It is the
// cheap part of dotItem, to be asked first.
func mayMark(w string) bool {
	if w == "" || len(w) > 7 {
		return false
	}
	c := w[0]
	return len(w) == 1 || c >= '0' && c <= '9' || c == 'I' || c == 'V' || c == 'X' || c >= utf8.RuneSelf && len(w) <= utf8.UTFMax
}

// parenItem is dotItem for a marker closed by a parenthesis at text[close]:
// "1)", "b)", "(iv)", "A)".
func (r *rules) parenItem(text string, start, tok, close int, st *state) (ok, cont bool) {
	w := text[tok:close]
	if len(w) > 0 && w[0] == '(' {
		w = w[1:]
	}
	if w == "" || len(w) > 5 {
		return false, false
	}
	// "1)", "a)" and "(i)" open a list anywhere: "three things 1) a tent".
	first := r.itemFirst(text, start, tok) || w == "1" || w == "a" || w == "i" || w == "A"
	if num := smallNumber(w); num >= 0 {
		if first || st.lastNumber >= 0 && num == st.lastNumber+1 {
			cont = !first
			st.lastNumber = num
			return true, cont
		}
		return false, false
	}
	if len(w) == 1 && (w[0] >= 'a' && w[0] <= 'z' || w[0] >= 'A' && w[0] <= 'Z') {
		return st.letter(r, rune(w[0]|0x20), first)
	}
	if c, size := utf8.DecodeRuneInString(w); size == len(w) && r.letters[unicode.ToLower(c)] > 0 {
		c = unicode.ToLower(c)
		// "а)" opens a list anywhere, as "a)" does
		return st.letter(r, c, first || r.letters[c] == 1)
	}
	if v := romanValue(strings.ToUpper(w)); v > 0 && strings.ToLower(w) == w {
		if first || st.lastRoman > 0 && v == st.lastRoman+1 {
			cont = !first
			st.lastRoman = v
			return true, cont
		}
	}
	return false, false
}

// letter takes a small letter as an item marker: the next letter of a
// lettered list (in a–z or in the language's [items] letters), or the next
// small Roman numeral ("i", "v", "x").
func (st *state) letter(r *rules, c rune, first bool) (ok, cont bool) {
	v := 0
	if c >= 'a' && c <= 'z' {
		v = romanValue(string(c - 0x20))
	}
	next := st.lastLetter != 0 && (c == st.lastLetter+1 && c <= 'z' ||
		r.letters[c] > 0 && r.letters[c] == r.letters[st.lastLetter]+1)
	switch {
	case !first && st.lastRoman > 0 && v == st.lastRoman+1:
		st.lastRoman = v
		return true, true
	case !first && next:
		st.lastLetter = c
		return true, true
	case first:
		st.lastLetter = c
		if v == 1 {
			st.lastRoman = 1
		}
		return true, false
	}
	return false, false
}

// itemFirst reports whether a list marker at text[tok] may open a list: it
// starts the sentence, or follows a colon, or follows only bullets.
func (r *rules) itemFirst(text string, start, tok int) bool {
	if tok == start {
		return true
	}
	if p, ps, ok := r.prevWord(text, tok, start); ok {
		switch {
		case p[len(p)-1] == ':':
			return true
		case ps == start && onlyBullets(r, p):
			return true
		}
	}
	return false
}

// smallNumber returns the value of a number of one or two ASCII digits, or -1.
func smallNumber(w string) int {
	switch {
	case len(w) == 1 && isDigits(w):
		return int(w[0] - '0')
	case len(w) == 2 && isDigits(w):
		return int(w[0]-'0')*10 + int(w[1]-'0')
	}
	return -1
}

// romanValue returns the value of a Roman numeral in capitals up to
// XXXIX, or 0.
func romanValue(w string) int {
	if w == "" || len(w) > 7 || w[0] != 'X' && w[0] != 'I' && w[0] != 'V' {
		return 0
	}
	v, i := 0, 0
	for i < len(w) && w[i] == 'X' {
		v += 10
		i++
	}
	if v > 30 {
		return 0
	}
	switch rest := w[i:]; rest {
	case "":
	case "I", "II", "III":
		v += len(rest)
	case "IV":
		v += 4
	case "V", "VI", "VII", "VIII":
		v += 5 + len(rest) - 1
	case "IX":
		v += 9
	default:
		return 0
	}
	return v
}

// glued decides whether a terminator run cl with no white space after it,
// after the word w, ends the sentence, and returns where: before a capitalised word
// ("world.Today", "Tuesday.Mr. Smith", "1,000.That", Kazakh
// "жағдайы.XVIII ғасыр"), or after a citation that white space and a capital
// follow ("martyr.[1] The", "consultation.11 12 Take", "bank.<1/> Critics").
// "example.com", "3.5", "U.S.A", "Л.Н.Толстой", "Jane.Doe@example.com" and
// "Mr.Smith" are never cut.
func (r *rules) glued(text string, cl cluster, w string) int {
	if cl.strong || cl.ellipsis || cl.closed || cl.dots != 1 {
		return -1
	}
	left := w
	if k := strings.LastIndexByte(left, '.'); k >= 0 {
		left = left[k+1:]
	}
	letters, lower, digits := 0, 0, 0
	for _, ch := range left {
		switch {
		case r.isLetter(ch):
			letters++
			if r.isLower(ch) {
				lower++
			}
		case ch >= '0' && ch <= '9':
			digits++
		case ch == ',' && digits > 0:
		default:
			return -1
		}
	}
	word := letters >= 2 && lower > 0 && digits == 0
	number := letters == 0 && digits > 0 && strings.IndexByte(left, ',') > 0 && left == w
	if !word && !number || r.isAbbreviation(left) {
		return -1
	}
	n := len(text)
	i := cl.end
	switch c := text[i]; {
	case c == '[' || c == '<' || c >= '0' && c <= '9':
		if !word {
			return -1
		}
		end := r.citation(text, i)
		if end < 0 || r.peek(text, end).kind != nextUpper {
			return -1
		}
		return end
	}
	// The next word: a capitalised word, or a Roman numeral before a space.
	ch, size := utf8.DecodeRuneInString(text[i:])
	if !r.isUpper(ch) {
		return -1
	}
	j := i + size
	lowerNext, roman := 0, isRomanLetter(ch)
	for j < n && j-i < maxWord {
		ch, size := utf8.DecodeRuneInString(text[j:])
		if !r.isLetter(ch) {
			break
		}
		if r.isLower(ch) {
			lowerNext++
		}
		roman = roman && isRomanLetter(ch)
		j += size
	}
	if j == n {
		return -1
	}
	switch c := text[j]; {
	case roman && r.isSpaceAt(text, j):
	case lowerNext == 0:
		return -1 // "ASP.NET"
	case c == '.':
		if j+1 < n && !r.isSpaceAt(text, j+1) {
			return -1 // "www.Example.com"
		}
	case c == '@' || c == '/' || c == '-' || c == '_' || c == '\'' || c >= '0' && c <= '9':
		return -1 // "Jane.Doe@", "site.Com/"
	}
	return cl.end
}

// isRomanLetter reports whether ch is a letter of Roman numerals.
func isRomanLetter(ch rune) bool {
	switch ch {
	case 'I', 'V', 'X', 'L', 'C', 'D', 'M':
		return true
	}
	return false
}

// citation reads citation markers glued to a full stop at text[i]: "[1]",
// "[12][13]", "<2/>", or numbers of up to three digits separated by single
// spaces ("11 12"). It returns the end of the markers if white space
// follows them, or -1.
func (r *rules) citation(text string, i int) int {
	n := len(text)
	j := i
	switch text[i] {
	case '[', '<':
		for j < n && (text[j] == '[' || text[j] == '<') {
			if text[j] == '<' {
				k, size := placeholderAt(text, j)
				if k != phStandalone {
					return -1
				}
				j += size
				continue
			}
			d := j + 1
			if d < n && text[d] == '^' {
				d++
			}
			k := d
			for k < n && k-d < 3 && text[k] >= '0' && text[k] <= '9' {
				k++
			}
			if k == d || k >= n || text[k] != ']' {
				return -1
			}
			j = k + 1
		}
	default:
		for groups := 0; groups < 3; groups++ {
			k := j
			for k < n && k-j < 3 && text[k] >= '0' && text[k] <= '9' {
				k++
			}
			if k == j {
				return -1
			}
			j = k
			if j+1 < n && text[j] == ' ' && text[j+1] >= '0' && text[j+1] <= '9' {
				j++
				continue
			}
			break
		}
	}
	if !r.isSpaceAt(text, j) {
		return -1
	}
	return j
}

// lineBreak decides whether the line break at text[i] ends the sentence
// that starts at text[start] and whose last character ends at
// text[lastEnd]: when that line has no end punctuation (the terminator
// would have decided) and does not run on (",", ":", "-"), and the next
// line starts like a sentence, a list item or a parenthesis.
func (r *rules) lineBreak(text string, start, lastEnd, i int) bool {
	if lastEnd <= start {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text[start:lastEnd])
	if r.flags(last)&(fTerm|fCloser) != 0 && last != ')' && last != ']' {
		// The terminator did not end the sentence ("Mr.\nSmith"); only a
		// list-like line after it does: "fast.\n- more trade".
		return r.listLine(text, i)
	}
	switch last {
	case ',', ';', ':', '-', '–', '—', '(', '&', '/', '+', '=':
		return false
	}
	if r.joinsLine(text, start, lastEnd) {
		return false // a hard-wrapped line: "met the\nPresident"
	}
	return r.peekLine(text, i)
}

// joinsLine reports whether the last word of text[start:end] is one of
// [joining]: an article, preposition or conjunction, after which a line
// goes on in the next one even when that starts with a capital.
func (r *rules) joinsLine(text string, start, end int) bool {
	if len(r.joining) == 0 {
		return false
	}
	w := end
	for w > start {
		ch, size := utf8.DecodeLastRuneInString(text[start:w])
		if !r.isLetter(ch) {
			break
		}
		w -= size
	}
	if w == end || end-w > 24 {
		return false
	}
	_, ok := r.joining[text[w:end]]
	return ok
}

// peekLine reports whether the line after the line break at text[i] starts
// like a new sentence or item.
func (r *rules) peekLine(text string, i int) bool {
	for j := i; j < len(text); {
		ch, size := utf8.DecodeRuneInString(text[j:])
		f := r.flags(ch)
		switch {
		case f&fSpace != 0:
			j += size
			continue
		case r.isUpper(ch), unicode.IsDigit(ch), f&(fBullet|fNumSign) != 0:
			return true
		case ch == '(' || ch == '[' || ch == '*' || ch == '#' || ch == '>':
			return true
		case f&fOpener != 0:
			// a quotation or a dash that opens a line: look at what follows
			return ch != '-' && ch != '–' && ch != '—' || j+size < len(text) && r.isSpaceAt(text, j+size)
		}
		return false
	}
	return false
}

// listLine reports whether the line after the line break at text[i]
// starts with a bullet, a dash or an item number.
func (r *rules) listLine(text string, i int) bool {
	for j := i; j < len(text); {
		ch, size := utf8.DecodeRuneInString(text[j:])
		f := r.flags(ch)
		switch {
		case f&fSpace != 0:
			j += size
			continue
		case f&fBullet != 0:
			return true
		case ch == '-' || ch == '*' || ch == '–' || ch == '—':
			return j+size < len(text) && r.isSpaceAt(text, j+size)
		case ch >= '0' && ch <= '9':
			k := j
			for k < len(text) && k-j < 3 && text[k] >= '0' && text[k] <= '9' {
				k++
			}
			return k < len(text) && (text[k] == '.' || text[k] == ')') && k+1 < len(text) && r.isSpaceAt(text, k+1)
		}
		return false
	}
	return false
}

// isLetterAt reports whether a letter starts at text[i].
func (r *rules) isLetterAt(text string, i int) bool {
	ch, size := utf8.DecodeRuneInString(text[i:])
	return !(ch == utf8.RuneError && size <= 1) && r.isLetter(ch)
}

// onlyBullets reports whether s is made of bullets and dashes only.
func onlyBullets(r *rules, s string) bool {
	for _, ch := range s {
		if r.flags(ch)&fBullet == 0 && ch != '-' && ch != '–' && ch != '—' && ch != '*' {
			return false
		}
	}
	return s != ""
}

// isInitial reports whether w is a single capital letter.
func isInitial(w string) bool {
	ch, size := utf8.DecodeRuneInString(w)
	return size == len(w) && w != "" && (unicode.IsUpper(ch) || unicode.IsTitle(ch))
}

// isDottedAcronym reports whether w is two or more single letters joined by
// periods, perhaps with hyphens: "U.S.A", "E.U", "Қ.-Ж".
func isDottedAcronym(w string) bool {
	parts := 0
	letters := 0
	for i := 0; i < len(w); {
		ch, size := utf8.DecodeRuneInString(w[i:])
		i += size
		switch {
		case ch == '.':
			if letters != 1 {
				return false
			}
			parts++
			letters = 0
		case ch == '-':
			if letters != 0 {
				return false
			}
		case unicode.IsLetter(ch):
			letters++
		default:
			return false
		}
	}
	return parts >= 1 && letters == 1
}

// isDigits reports whether w is one or more ASCII digits.
func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// isRoman reports whether w is a Roman numeral in capitals of two or more
// letters ("II", "XIX"; single letters are initials), or of several joined
// by dashes ("XIX–XX").
func isRoman(w string) bool {
	letters := 0
	for _, ch := range w {
		switch ch {
		case 'I', 'V', 'X', 'L', 'C', 'D', 'M':
			letters++
		case '-', '–', '—':
		default:
			return false
		}
	}
	return letters >= 2
}

// trimDashes removes dashes at either end of w.
func trimDashes(w string) string {
	for len(w) > 0 && (w[0] == '-') {
		w = w[1:]
	}
	for len(w) > 0 && (w[len(w)-1] == '-') {
		w = w[:len(w)-1]
	}
	return w
}

// startsUpper reports whether the first letter of w, past any opening
// punctuation, is a capital.
func startsUpper(w string) bool {
	for _, ch := range w {
		if unicode.IsLetter(ch) {
			return unicode.IsUpper(ch) || unicode.IsTitle(ch)
		}
		if unicode.IsDigit(ch) {
			return false
		}
	}
	return false
}
