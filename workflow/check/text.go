package check

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tilmash/tilmash/workflow/segment"
)

// obj stands in a view for a placeholder or a template action: markup the
// text checks must not read as text.
const obj = '\uFFFC'

// view is a text as the text checks read it: every placeholder (and, in a
// template, every {{…}} action) is replaced by obj.
type view struct {
	text string
	// template is set for go-i18n templates, where braces are markup.
	template bool
}

func newView(s string, template bool) view {
	var b strings.Builder
	for _, t := range segment.Tokenize(s) {
		if t.Kind != segment.TokenText {
			b.WriteRune(obj)
			continue
		}
		if !template {
			b.WriteString(t.Text)
			continue
		}
		for _, a := range splitActions(t.Text) {
			if a.action {
				b.WriteRune(obj)
			} else {
				b.WriteString(a.text)
			}
		}
	}
	return view{text: b.String(), template: template}
}

// noLinks returns the view's text with every URL and e-mail address
// replaced by obj, for checks that must not read inside them.
func (v view) noLinks() string {
	ls := links(v.text)
	if len(ls) == 0 {
		return v.text
	}
	var b strings.Builder
	last := 0
	for _, l := range ls {
		b.WriteString(v.text[last:l.start])
		b.WriteRune(obj)
		last = l.end
	}
	b.WriteString(v.text[last:])
	return b.String()
}

// link is a URL or an e-mail address found in a text.
type link struct {
	start, end int // byte offsets
	text       string
	email      bool
}

// links returns the URLs (scheme://…, mailto:…, www.…) and e-mail
// addresses in s, in order, without trailing punctuation and without a
// closing bracket the URL does not open. Bare domains (example.com) are
// not links: in running text they are names.
func links(s string) []link {
	var out []link
	for i := 0; i < len(s); {
		if l, ok := urlAt(s, i); ok {
			out = append(out, l)
			i = l.end
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	inURL := func(at int) bool {
		for _, l := range out {
			if l.start <= at && at < l.end {
				return true
			}
		}
		return false
	}
	var mails []link
	from := 0 // an address starts after the one before
	for i := 0; i < len(s); i++ {
		if s[i] != '@' || inURL(i) {
			continue
		}
		if l, ok := emailAt(s, i, from); ok && !overlaps(out, l) {
			from = l.end
			mails = append(mails, l)
			i = l.end - 1
		}
	}
	if len(mails) > 0 {
		out = append(out, mails...)
		sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	}
	return out
}

// urlAt reports the URL that starts at s[i], if any.
func urlAt(s string, i int) (link, bool) {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("+-.@/_", r) {
			return link{}, false
		}
	}
	rest := s[i:]
	body := 0 // where the part after the scheme starts
	switch {
	case hasPrefixFold(rest, "mailto:"):
		body = len("mailto:")
	case hasPrefixFold(rest, "www."):
		body = len("www.")
	default:
		j := 0
		for j < len(rest) && (isASCIILetter(rest[j]) || j > 0 && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == '+' || rest[j] == '.' || rest[j] == '-')) {
			j++
		}
		if j < 2 || !strings.HasPrefix(rest[j:], "://") {
			return link{}, false
		}
		body = j + len("://")
	}
	end := len(rest)
	for k, r := range rest {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == obj || strings.ContainsRune("<>\"'«»“”‘’„‹›`", r) {
			end = k
			break
		}
	}
	u := trimURL(rest[:end])
	if len(u) <= body {
		return link{}, false
	}
	if r, _ := utf8.DecodeRuneInString(u[body:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '[' && r != '/' {
		return link{}, false
	}
	return link{start: i, end: i + len(u), text: u}, true
}

// trimURL drops trailing punctuation and unopened closing brackets.
func trimURL(u string) string {
	for len(u) > 0 {
		r, n := utf8.DecodeLastRuneInString(u)
		switch {
		case strings.ContainsRune(".,;:!?…", r):
		case r == ')' && strings.Count(u, ")") > strings.Count(u, "("),
			r == ']' && strings.Count(u, "]") > strings.Count(u, "["),
			r == '}' && strings.Count(u, "}") > strings.Count(u, "{"):
		default:
			return u
		}
		u = u[:len(u)-n]
	}
	return u
}

// overlaps reports whether l overlaps a link of ls.
func overlaps(ls []link, l link) bool {
	for _, x := range ls {
		if l.start < x.end && x.start < l.end {
			return true
		}
	}
	return false
}

// emailAt reports the e-mail address around the @ at s[at], if any,
// starting at from or later.
func emailAt(s string, at, from int) (link, bool) {
	local := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._%+-", r)
	}
	start := at
	for start > from {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if !local(r) {
			break
		}
		start -= n
	}
	for start < at && s[start] == '.' {
		start++
	}
	if start == at {
		return link{}, false
	}
	end := at + 1
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.' {
			break
		}
		end += n
	}
	for end > at+1 && (s[end-1] == '.' || s[end-1] == '-') {
		end--
	}
	domain := s[at+1 : end]
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return link{}, false
	}
	for _, l := range labels {
		if l == "" {
			return link{}, false
		}
	}
	tld := labels[len(labels)-1]
	if utf8.RuneCountInString(tld) < 2 || strings.IndexFunc(tld, unicode.IsLetter) < 0 {
		return link{}, false
	}
	return link{start: start, end: end, text: s[start:end], email: true}, true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// piece is a part of a template text: an action {{…}} or plain text.
type piece struct {
	text   string
	action bool
}

// splitActions cuts a template text into plain text and {{…}} actions. An
// unclosed {{ is plain text.
func splitActions(s string) []piece {
	var out []piece
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(s[i+2:], "}}")
		if j < 0 {
			break
		}
		end := i + 2 + j + 2
		if i > 0 {
			out = append(out, piece{text: s[:i]})
		}
		out = append(out, piece{text: s[i:end], action: true})
		s = s[end:]
	}
	if s != "" {
		out = append(out, piece{text: s})
	}
	return out
}
