package sentence

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// ruleFiles holds the rule tables: rules/generic.toml and one file per
// language, named after its base language (rules/en.toml).
//
//go:embed rules/*.toml
var ruleFiles embed.FS

// genericName is the name of the rule file every language builds on.
const genericName = "generic"

// ruleFile is the schema of one rules/*.toml file; doc.go describes it for
// the people who edit the files.
type ruleFile struct {
	Language      string            `toml:"language"`
	Punctuation   punctuationTable  `toml:"punctuation"`
	Abbreviations abbreviationTable `toml:"abbreviations"`
	Starters      wordList          `toml:"sentence_starters"`
	Initials      wordList          `toml:"initials"`
	Attribution   wordList          `toml:"attribution"`
	Joining       wordList          `toml:"joining"`
	Ordinals      ordinalTable      `toml:"ordinals"`
	Questions     questionTable     `toml:"questions"`
	Items         itemTable         `toml:"items"`
}

type punctuationTable struct {
	FullStops []string `toml:"full_stops"`
	Strong    []string `toml:"strong"`
	Ellipses  []string `toml:"ellipses"`
	Unspaced  []string `toml:"unspaced"`
	Closers   []string `toml:"closers"`
	Openers   []string `toml:"openers"`
	Bullets   []string `toml:"bullets"`
	// NumberSigns stand for "number" before one: "№ 5" is like "5".
	NumberSigns []string `toml:"number_signs"`
}

// questionTable holds rules about "?" and "!".
// itemTable holds rules about the markers of inline list items.
type itemTable struct {
	// Letters is the alphabet of lettered items in small letters, in
	// order: "а) … б) … в) …". Latin a–z always count.
	Letters string `toml:"letters"`
}

type questionTable struct {
	// BeforeLower: "?" and "!" end a sentence even before a small letter,
	// unless a closing quote or a dash comes between ("кім? не?").
	BeforeLower bool `toml:"before_lower"`
}

type abbreviationTable struct {
	Never       []string `toml:"never"`
	Number      []string `toml:"number"`
	Capital     []string `toml:"capital"`
	Starter     []string `toml:"starter"`
	AfterNumber []string `toml:"after_number"`
	// AfterNumberStarter: after a number like Starter, elsewhere like Never.
	AfterNumberStarter []string `toml:"after_number_starter"`
}

type wordList struct {
	Words []string `toml:"words"`
}

type ordinalTable struct {
	Roman   bool     `toml:"roman"`
	Numbers bool     `toml:"numbers"`
	Nouns   []string `toml:"nouns"`
}

// class says when an abbreviation may end a sentence.
type class uint8

const (
	classNever              class = iota + 1 // never ("Mr.", "e.g.")
	classNumber                              // not before a number ("No. 5"), otherwise like a word
	classCapital                             // only before a capital ("etc. The")
	classStarter                             // only before a sentence starter ("U.S. He")
	classAfterNumber                         // after a number like classCapital, otherwise classNever ("20 см.")
	classAfterNumberStarter                  // after a number like classStarter, otherwise classNever ("2023 г.", "6 p.m.")
)

// Character flags.
const (
	fSpace    uint16 = 1 << iota // Unicode white space
	fStop                        // full stop: "."
	fStrong                      // "?" and "!": end a sentence whatever word comes before
	fEllipsis                    // "…"
	fUnspaced                    // "。": ends a sentence even with no space after it
	fCloser                      // may follow a terminator inside the sentence: ")", "»"
	fOpener                      // may come before the first letter of a sentence: "(", "«"
	fBullet                      // list bullet: "•"
	fLetter                      // letter or mark (only below U+0800: a cache of package unicode)
	fUpper                       // capital or title-case letter (likewise)
	fLower                       // small letter (likewise)
	fNumSign                     // number sign: "№"

	fTerm = fStop | fStrong | fEllipsis | fUnspaced
)

// Kinds of byte for the main scan loop.
const (
	scanOther uint8 = iota // part of a word: nothing to do
	scanSpace              // ASCII white space
	scanTerm               // ASCII terminator
	scanLead               // first byte of a non-ASCII rune worth decoding
	scanMark               // ASCII ')' (may end a list marker) or a quotation mark
)

// rules is a compiled rule table: what the scanner looks up.
type rules struct {
	lang string // base language, "" for the generic rules

	scan  [256]uint8      // per byte: scanOther, scanSpace, ...
	low   [0x800]uint16   // flags of U+0000..U+07FF: ASCII, Latin, Cyrillic...
	gp    [0x70]uint16    // flags of U+2000..U+206F (General Punctuation)
	other map[rune]uint16 // flags of any other character that has some

	abbr      map[string]class    // abbreviation, without its final period and spaces -> class
	prefixes  map[string]struct{} // leading parts of multi-part abbreviations ("Ltd" of "Ltd. Şti.")
	abbrKeys  keyFilter           // the keys of abbr, to rule out most other words without a map lookup
	asciiAbbr []abbrSlot          // the ASCII keys of abbr, by foldHash; nil until index builds it
	prefixKey keyFilter           // the keys of prefixes, likewise
	maxParts  int                 // most parts in one abbreviation ("б.з.д." has 3)
	maxKeyLen int                 // longest abbreviation key in bytes
	starters  map[string]struct{} // words that usually begin a sentence
	pronouns  map[string]struct{} // single capital letters that are words ("I")
	speech    map[string]struct{} // verbs of saying after a quotation ("asked")
	joining   map[string]struct{} // small words that cannot end a line of their own ("the", "и")
	letters   map[rune]int        // place of each item letter in the alphabet, from 1 ("б" 2); nil for a–z only
	ordinals  map[string]struct{} // words after which "N." is an ordinal ("1. Dünya Savaşı")

	ordinalRoman   bool // a Roman numeral with a period is an ordinal ("II. Abdülhamid")
	ordinalNumbers bool // a number with a period is an ordinal ("1. Ulusal Kongre")

	strongBeforeLower bool // "?" and "!" end a sentence before a small letter ("кім? не?")
}

// flags returns the character flags of r.
func (r *rules) flags(c rune) uint16 {
	switch {
	case uint32(c) < uint32(len(r.low)):
		return r.low[c]
	case c >= 0x2000 && c < 0x2070:
		return r.gp[c-0x2000]
	}
	return r.other[c]
}

// isLetter reports whether c is a letter or a mark.
func (r *rules) isLetter(c rune) bool {
	if uint32(c) < uint32(len(r.low)) {
		return r.low[c]&fLetter != 0
	}
	return unicode.IsLetter(c) || unicode.IsMark(c)
}

// isUpper reports whether c is a capital or title-case letter.
func (r *rules) isUpper(c rune) bool {
	if uint32(c) < uint32(len(r.low)) {
		return r.low[c]&fUpper != 0
	}
	return unicode.IsUpper(c) || unicode.IsTitle(c)
}

// isLower reports whether c is a small letter.
func (r *rules) isLower(c rune) bool {
	if uint32(c) < uint32(len(r.low)) {
		return r.low[c]&fLower != 0
	}
	return unicode.IsLower(c)
}

// setFlags adds f to the flags of c and marks the first byte of c for the scan loop.
func (r *rules) setFlags(c rune, f uint16) {
	switch {
	case c < utf8.RuneSelf:
		r.low[c] |= f
		switch {
		case r.low[c]&fSpace != 0:
			r.scan[c] = scanSpace
		case r.low[c]&fTerm != 0:
			r.scan[c] = scanTerm
		case c == ')' || r.low[c]&fOpener != 0 && (c == '"' || c == '\''):
			r.scan[c] = scanMark
		}
		return
	case c < rune(len(r.low)):
		r.low[c] |= f
	case c >= 0x2000 && c < 0x2070:
		r.gp[c-0x2000] |= f
	default:
		r.other[c] |= f
	}
	if f&(fSpace|fTerm|fBullet|fOpener) != 0 {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], c)
		r.scan[b[0]] = scanLead
	}
}

// ruleSet is every embedded rule table, compiled.
type ruleSet struct {
	tables map[string]*rules // by base language; "" is the generic table
	errs   []error           // files that did not compile
}

// compiled returns the rule tables, compiling them on the first call. This
// is the package's only state: built once, never changed, safe to share.
var compiled = sync.OnceValue(compileAll)

// compileAll compiles rules/generic.toml alone and with each language file.
func compileAll() ruleSet {
	set := ruleSet{tables: make(map[string]*rules)}
	entries, err := ruleFiles.ReadDir("rules")
	if err != nil {
		set.errs = append(set.errs, err)
		return set
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok {
			continue
		}
		lang := name
		if name == genericName {
			lang = ""
		}
		r, err := loadRules(lang)
		if err != nil {
			set.errs = append(set.errs, err)
			continue
		}
		set.tables[lang] = r
	}
	return set
}

// loadRules compiles the generic rules plus the rules of lang ("" or a
// language without a file: the generic rules alone).
func loadRules(lang string) (*rules, error) {
	files := []string{genericName}
	if lang != "" && lang != genericName {
		if _, err := fs.Stat(ruleFiles, "rules/"+lang+".toml"); err == nil {
			files = append(files, lang)
		} else {
			lang = ""
		}
	} else {
		lang = ""
	}
	r := newRules(lang)
	for _, name := range files {
		f, err := readRuleFile(name)
		if err != nil {
			return nil, err
		}
		if err := r.add(f); err != nil {
			return nil, fmt.Errorf("rules/%s.toml: %w", name, err)
		}
	}
	r.index()
	return r, nil
}

// readRuleFile parses rules/<name>.toml, rejecting unknown keys so that a typo
// in a table name does not silently drop a list.
func readRuleFile(name string) (*ruleFile, error) {
	path := "rules/" + name + ".toml"
	data, err := ruleFiles.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f ruleFile
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, fmt.Errorf("%s:%d:%d: %w", path, row, col, err)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &f, nil
}

// newRules returns a table with white space set and nothing else.
func newRules(lang string) *rules {
	r := &rules{
		lang:     lang,
		other:    make(map[rune]uint16),
		abbr:     make(map[string]class),
		prefixes: make(map[string]struct{}),
		starters: make(map[string]struct{}),
		pronouns: make(map[string]struct{}),
		speech:   make(map[string]struct{}),
		joining:  make(map[string]struct{}),
		ordinals: make(map[string]struct{}),
	}
	for c := rune(0); c < rune(len(r.low)); c++ {
		switch {
		case unicode.IsUpper(c) || unicode.IsTitle(c):
			r.low[c] |= fLetter | fUpper
		case unicode.IsLower(c):
			r.low[c] |= fLetter | fLower
		case unicode.IsLetter(c) || unicode.IsMark(c):
			r.low[c] |= fLetter
		}
	}
	for _, rg := range unicode.White_Space.R16 {
		for c := rune(rg.Lo); c <= rune(rg.Hi); c += rune(rg.Stride) {
			r.setFlags(c, fSpace)
		}
	}
	for _, rg := range unicode.White_Space.R32 {
		for c := rune(rg.Lo); c <= rune(rg.Hi); c += rune(rg.Stride) {
			r.setFlags(c, fSpace)
		}
	}
	return r
}

// add merges one rule file into r. An abbreviation listed again takes the
// class given last, so a language file overrides the generic file.
func (r *rules) add(f *ruleFile) error {
	p := f.Punctuation
	for _, set := range []struct {
		name  string
		chars []string
		flag  uint16
	}{
		{"punctuation.full_stops", p.FullStops, fStop},
		{"punctuation.strong", p.Strong, fStrong},
		{"punctuation.ellipses", p.Ellipses, fEllipsis},
		{"punctuation.unspaced", p.Unspaced, fUnspaced},
		{"punctuation.closers", p.Closers, fCloser},
		{"punctuation.openers", p.Openers, fOpener},
		{"punctuation.bullets", p.Bullets, fBullet},
		{"punctuation.number_signs", p.NumberSigns, fNumSign},
	} {
		for _, s := range set.chars {
			c, err := punctuationRune(s)
			if err != nil {
				return fmt.Errorf("%s: %w", set.name, err)
			}
			if set.flag&fTerm != 0 && r.flags(c)&fTerm != 0 {
				return fmt.Errorf("%s: %q is already a terminator", set.name, s)
			}
			r.setFlags(c, set.flag)
		}
	}

	a := f.Abbreviations
	for _, set := range []struct {
		name    string
		entries []string
		class   class
	}{
		{"abbreviations.never", a.Never, classNever},
		{"abbreviations.number", a.Number, classNumber},
		{"abbreviations.capital", a.Capital, classCapital},
		{"abbreviations.starter", a.Starter, classStarter},
		{"abbreviations.after_number", a.AfterNumber, classAfterNumber},
		{"abbreviations.after_number_starter", a.AfterNumberStarter, classAfterNumberStarter},
	} {
		for _, s := range set.entries {
			key, err := abbreviationKey(s)
			if err != nil {
				return fmt.Errorf("%s: %w", set.name, err)
			}
			r.abbr[key] = set.class
			r.abbrKeys.add(key)
			r.maxKeyLen = max(r.maxKeyLen, len(key))
			parts := strings.Count(key, ".") + 1
			r.maxParts = max(r.maxParts, parts)
			for i := 0; i < len(key); i++ {
				if key[i] == '.' {
					r.prefixes[key[:i]] = struct{}{}
					r.prefixKey.add(key[:i])
				}
			}
		}
	}

	for _, set := range []struct {
		name  string
		words []string
		into  map[string]struct{}
	}{
		{"sentence_starters.words", f.Starters.Words, r.starters},
		{"initials.words", f.Initials.Words, r.pronouns},
		{"ordinals.nouns", f.Ordinals.Nouns, r.ordinals},
	} {
		for _, w := range set.words {
			if err := checkWord(w); err != nil {
				return fmt.Errorf("%s: %w", set.name, err)
			}
			set.into[w] = struct{}{}
		}
	}
	for _, set := range []struct {
		name  string
		words []string
		into  map[string]struct{}
	}{
		{"attribution.words", f.Attribution.Words, r.speech},
		{"joining.words", f.Joining.Words, r.joining},
	} {
		for _, w := range set.words {
			if w == "" || strings.IndexFunc(w, func(c rune) bool { return !unicode.IsLower(c) }) >= 0 {
				return fmt.Errorf("%s: %q must be a word in small letters", set.name, w)
			}
			set.into[w] = struct{}{}
		}
	}
	for w := range r.pronouns {
		if utf8.RuneCountInString(w) != 1 {
			return fmt.Errorf("initials.words: %q is not a single letter", w)
		}
	}
	r.ordinalRoman = r.ordinalRoman || f.Ordinals.Roman
	r.ordinalNumbers = r.ordinalNumbers || f.Ordinals.Numbers
	r.strongBeforeLower = r.strongBeforeLower || f.Questions.BeforeLower
	if f.Items.Letters != "" {
		r.letters = make(map[rune]int)
		for i, c := range []rune(f.Items.Letters) {
			if !unicode.IsLower(c) || r.letters[c] != 0 {
				return fmt.Errorf("items.letters: %q is not a small letter, or comes twice", c)
			}
			r.letters[c] = i + 1
		}
	}
	return nil
}

// punctuationRune checks that s is one punctuation or symbol character that
// the placeholder syntax does not use.
func punctuationRune(s string) (rune, error) {
	c, size := utf8.DecodeRuneInString(s)
	switch {
	case s == "" || size != len(s) || c == utf8.RuneError:
		return 0, fmt.Errorf("%q is not exactly one character", s)
	case unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsSpace(c) || unicode.IsControl(c):
		return 0, fmt.Errorf("%q is a letter, digit, space or control character, not punctuation", s)
	case c == '<' || c == '>' || c == '/':
		return 0, fmt.Errorf("%q is reserved for placeholders", s)
	}
	return c, nil
}

// abbreviationKey turns an abbreviation as written in a rule file ("т. е.",
// "U.S.", "Ltd. Şti.") into its lookup key: no white space, no final period
// ("т.е", "U.S", "Ltd.Şti").
func abbreviationKey(s string) (string, error) {
	var b strings.Builder
	for _, c := range s {
		if !unicode.IsSpace(c) {
			b.WriteRune(c)
		}
	}
	key := strings.TrimSuffix(b.String(), ".")
	switch {
	case key == "" || strings.HasPrefix(key, ".") || strings.Contains(key, ".."):
		return "", fmt.Errorf("%q is not an abbreviation", s)
	case !utf8.ValidString(key):
		return "", fmt.Errorf("%q is not valid UTF-8", s)
	case len(key) > maxKey:
		return "", fmt.Errorf("%q is longer than %d bytes", s, maxKey)
	}
	for _, c := range key {
		if c != '.' && c != '-' && c != '\'' && c != '’' && !unicode.IsLetter(c) && !unicode.IsDigit(c) && !unicode.IsMark(c) && c != '°' && c != 'º' {
			return "", fmt.Errorf("%q: unexpected character %q", s, c)
		}
	}
	return key, nil
}

// checkWord checks a word of a word list: letters only (an apostrophe or
// hyphen inside is allowed), starting with a capital.
func checkWord(w string) error {
	first, _ := utf8.DecodeRuneInString(w)
	if w == "" || !utf8.ValidString(w) || !(unicode.IsUpper(first) || unicode.IsTitle(first)) {
		return fmt.Errorf("%q must be a word that starts with a capital letter", w)
	}
	for _, c := range w {
		if !unicode.IsLetter(c) && !unicode.IsMark(c) && c != '-' && c != '\'' && c != '’' {
			return fmt.Errorf("%q: unexpected character %q", w, c)
		}
	}
	return nil
}

// lookup returns the class of an abbreviation key. A key of two or more
// letters listed in lower case also matches its capitalised or upper-case
// forms ("Etc.", "P.M."); single letters match only as written, so that the
// initial "Г." is not the abbreviation "г.".
func (r *rules) lookup(key []byte) (class, bool) {
	h, ascii := foldHash(key)
	if len(key) == 0 || len(key) > r.maxKeyLen || !r.abbrKeys.mayHave(h, ascii) {
		return 0, false
	}
	if ascii && r.asciiAbbr != nil {
		return r.lookupASCII(key, h)
	}
	if c, ok := r.abbr[string(key)]; ok {
		return c, true
	}
	if ascii {
		// What the loop below does, for ASCII: only A-Z are capitals and
		// only A-Z and a-z letters.
		if key[0] < 'A' || key[0] > 'Z' {
			return 0, false
		}
		var buf [maxKey]byte
		low := buf[:len(key)]
		letters := 0
		for i, c := range key {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if 'a' <= c && c <= 'z' {
				letters++
			}
			low[i] = c
		}
		if letters < 2 {
			return 0, false
		}
		c, ok := r.abbr[string(low)]
		return c, ok
	}
	// Only a word that starts with a capital can be a folded form.
	if first, _ := utf8.DecodeRune(key); !unicode.IsUpper(first) && !unicode.IsTitle(first) {
		return 0, false
	}
	var buf [maxKey]byte
	low := buf[:0]
	letters, changed := 0, false
	for i := 0; i < len(key); {
		c, size := utf8.DecodeRune(key[i:])
		i += size
		if unicode.IsLetter(c) {
			letters++
		}
		l := unicode.ToLower(c)
		if l != c {
			changed = true
		}
		if len(low)+utf8.RuneLen(l) > len(buf) {
			return 0, false
		}
		low = utf8.AppendRune(low, l)
	}
	if !changed || letters < 2 {
		return 0, false
	}
	c, ok := r.abbr[string(low)]
	return c, ok
}

// keyFilter is a set of hashes of ASCII keys, folded to small letters, that
// rules out most words in a few instructions before a map is asked: a key
// whose hash is not in it is not in the map, as written or in small
// letters. It says nothing about keys with other characters, since case
// folding may change their bytes, so those always go to the map.
type keyFilter [keyFilterBits / 64]uint64

// keyFilterBits is the size of a keyFilter: with about a thousand keys in a
// table, a word that is none of them passes in about 3% of cases.
const (
	keyFilterShift = 15
	keyFilterBits  = 1 << keyFilterShift
)

// add puts key into the filter.
func (f *keyFilter) add(key string) {
	if h, ascii := foldHash(key); ascii {
		f[h/64] |= 1 << (h % 64)
	}
}

// mayHave reports whether a key with foldHash h, ascii may be in the set;
// when it reports false, the key is not, neither as written nor folded to
// small letters (unicode.ToLower). Call it as f.mayHave(foldHash(key)).
func (f *keyFilter) mayHave(h uint32, ascii bool) bool {
	return !ascii || f[h/64]&(1<<(h%64)) != 0
}

// foldHash returns a hash of key with ASCII capitals folded to small
// letters, in [0, keyFilterBits), and whether key is all ASCII.
func foldHash[T string | []byte](key T) (uint32, bool) {
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c >= utf8.RuneSelf {
			return 0, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint32(c)) * 16777619
	}
	return h >> (32 - keyFilterShift), true
}

// abbrSlot is an abbreviation key and its class in rules.asciiAbbr.
type abbrSlot struct {
	key string
	c   class
}

// index builds asciiAbbr, an open-addressing table of the ASCII keys of
// abbr at their foldHash, so that a key and its capitalised forms are
// found on one probe sequence without hashing twice.
func (r *rules) index() {
	n := 0
	for k := range r.abbr {
		if _, ascii := foldHash(k); ascii {
			n++
		}
	}
	size := 1
	for size < 2*n {
		size <<= 1
	}
	slots := make([]abbrSlot, size)
	mask := uint32(size - 1)
	for k, c := range r.abbr {
		h, ascii := foldHash(k)
		if !ascii {
			continue
		}
		i := h & mask
		for slots[i].key != "" {
			i = (i + 1) & mask
		}
		slots[i] = abbrSlot{k, c}
	}
	r.asciiAbbr = slots
}

// lookupASCII is lookup for a non-empty ASCII key with foldHash h: the key
// as written, else, for a key of two or more letters that starts with a
// capital, the key in small letters.
func (r *rules) lookupASCII(key []byte, h uint32) (class, bool) {
	fold := 'A' <= key[0] && key[0] <= 'Z'
	var folded class
	foundFolded := false
	mask := uint32(len(r.asciiAbbr) - 1)
	for i := h & mask; r.asciiAbbr[i].key != ""; i = (i + 1) & mask {
		s := &r.asciiAbbr[i]
		if len(s.key) != len(key) {
			continue
		}
		if s.key == string(key) {
			return s.c, true
		}
		if fold && !foundFolded && isLowerOf(s.key, key) {
			folded, foundFolded = s.c, true
		}
	}
	if !foundFolded {
		return 0, false
	}
	letters := 0
	for _, c := range key {
		if 'a' <= c|0x20 && c|0x20 <= 'z' {
			letters++
		}
	}
	return folded, letters >= 2
}

// isLowerOf reports whether s is the ASCII key in small letters.
func isLowerOf(s string, key []byte) bool {
	for i, c := range key {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if s[i] != c {
			return false
		}
	}
	return true
}
