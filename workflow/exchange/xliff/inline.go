package xliff

// This file converts the inline content of <source> and <target> into
// tilmash placeholder text.

import (
	"strings"
)

// idInfo records an inline id of a source or target.
type idInfo struct {
	paired bool
	line   int
	tag    string
}

// opened is a paired code that is open while converting.
type opened struct {
	id, tag string
	line    int
}

// conv converts the inline content of a unit's sources or targets into
// placeholder text.
type conv struct {
	r                 *reader
	file, unit, where string
	data              map[string]datum
	target            bool              // converting the targets, not the sources
	src               map[string]idInfo // the source's ids, when converting the targets
	ids               map[string]idInfo
	order             []string // ids in order of appearance
	stack             []opened
	openAt            map[string]int // position in stack of each id pushed on it
	b                 strings.Builder
	run               strings.Builder // plain text not yet checked
	runLine           int
	codes             map[string]*Code
}

func (c *conv) errorf(line int, format string, args ...any) {
	c.r.errorf(line, c.file, c.unit, format, args...)
}

// text adds plain text.
func (c *conv) text(s string, line int) {
	if c.run.Len() == 0 {
		c.runLine = line
	}
	c.run.WriteString(s)
}

// placeholder adds a placeholder token, after checking the plain text
// before it: text that reads as a placeholder would come back as one.
func (c *conv) placeholder(t token) {
	c.flush()
	c.b.WriteString(t.String())
}

func (c *conv) flush() {
	if c.run.Len() == 0 {
		return
	}
	s := c.run.String()
	if tok, ok := firstPlaceholder(s); ok {
		c.errorf(c.runLine, "the text %q in <%s> reads as a tilmash placeholder; remove it, or use the inline element", tok, c.where)
	}
	c.b.WriteString(s)
	c.run.Reset()
}

// finish reports paired codes left open.
func (c *conv) finish() {
	c.flush()
	for _, o := range c.stack {
		c.errorf(o.line, "<%s id=%q> in <%s> is never closed; add <ec startRef=%q/>", o.tag, o.id, c.where, o.id)
	}
	c.stack = nil
}

// id returns the id of inline element e after checking it.
func (c *conv) id(e *elem, paired bool) (string, bool) {
	name := e.name.Local
	id, ok := e.get("id")
	if !ok {
		c.errorf(e.line, "<%s> in <%s> has no id attribute", name, c.where)
		return "", false
	}
	if !isDecimal(id) {
		c.errorf(e.line, "<%s id=%q>: tilmash placeholder ids are decimal numbers; keep the ids of the file you were sent", name, id)
		return "", false
	}
	if c.ids == nil {
		c.ids = map[string]idInfo{}
	}
	if first, dup := c.ids[id]; dup {
		c.errorf(e.line, "<%s id=%q>: id %q is already used in the <%s> by <%s> at line %d", name, id, id, c.where, first.tag, first.line)
		return "", false
	}
	c.ids[id] = idInfo{paired: paired, line: e.line, tag: name}
	c.order = append(c.order, id)
	if c.target {
		s, ok := c.src[id]
		switch {
		case !ok:
			c.errorf(e.line, "<%s id=%q> in <target> has no counterpart in <source>", name, id)
			return "", false
		case s.paired != paired:
			c.errorf(e.line, "<%s id=%q> in <target> does not match <%s id=%q> in <source>", name, id, s.tag, id)
			return "", false
		}
	}
	return id, true
}

// ref returns the <data> named by attribute attr of e, if any.
func (c *conv) ref(e *elem, attr string) (string, bool) {
	ref, ok := e.get(attr)
	if !ok {
		return "", false
	}
	d, ok := c.data[ref]
	if !ok {
		c.errorf(e.line, "<%s %s=%q>: there is no <data id=%q> in the unit's <originalData>", e.name.Local, attr, ref, ref)
		return "", false
	}
	return d.text, true
}

// code returns the Code of id, creating it, when converting the source.
func (c *conv) code(id string, paired bool) *Code {
	if c.target {
		return &Code{} // targets' codes are not kept
	}
	if c.codes == nil {
		c.codes = map[string]*Code{}
	}
	if x, ok := c.codes[id]; ok {
		return x
	}
	x := &Code{ID: id, Paired: paired}
	c.codes[id] = x
	return x
}

// sortedCodes returns the codes in the order of their ids' appearance.
func (c *conv) sortedCodes() []Code {
	var codes []Code
	for _, id := range c.order {
		if x, ok := c.codes[id]; ok {
			codes = append(codes, *x)
		}
	}
	return codes
}

// content converts the children of e.
func (c *conv) content(e *elem) {
	for _, k := range e.kids {
		if k.el == nil {
			c.text(k.text, k.line)
			continue
		}
		x := k.el
		if !x.core() {
			c.errorf(k.line, "unexpected %s in <%s>; only text and XLIFF inline elements are allowed here", x.tag(), c.where)
			continue
		}
		switch x.name.Local {
		case "ph":
			c.r.empty(x, c.file, c.unit)
			if id, ok := c.id(x, false); ok {
				c.placeholder(token{tokStandalone, id})
				if open, ok := c.ref(x, "dataRef"); ok {
					c.code(id, false).Open = open
				}
			}
		case "pc":
			id, ok := c.id(x, true)
			depth := len(c.stack)
			if ok {
				c.placeholder(token{tokOpen, id})
				c.push(opened{id, "pc", x.line})
				open, hasOpen := c.ref(x, "dataRefStart")
				closing, hasClose := c.ref(x, "dataRefEnd")
				if hasOpen || hasClose {
					cd := c.code(id, true)
					cd.Open, cd.Close = open, closing
				}
			}
			c.content(x)
			if ok {
				if len(c.stack) > depth { // else an <ec> has closed it, with an error
					for _, o := range c.stack[depth+1:] {
						c.errorf(o.line, "<sc id=%q> opened inside <pc id=%q> must close before </pc>", o.id, id)
					}
					c.stack = c.stack[:depth]
				}
				c.placeholder(token{tokClose, id})
			}
		case "sc":
			c.r.empty(x, c.file, c.unit)
			if iso, _ := x.get("isolated"); iso == "yes" {
				c.errorf(x.line, "isolated <sc>: the code must close in the same unit, with <ec startRef=…/>")
				continue
			}
			if id, ok := c.id(x, true); ok {
				c.placeholder(token{tokOpen, id})
				c.push(opened{id, "sc", x.line})
				if open, ok := c.ref(x, "dataRef"); ok {
					c.code(id, true).Open = open
				}
			}
		case "ec":
			c.r.empty(x, c.file, c.unit)
			c.endCode(x)
		case "mrk":
			c.content(x)
		case "sm", "em":
			c.r.empty(x, c.file, c.unit)
		case "cp":
			if r, ok := c.r.codePoint(x, c.file, c.unit); ok {
				c.text(string(r), x.line)
			}
		default:
			c.errorf(x.line, "unexpected %s in <%s>; only text and inline elements are allowed here", x.tag(), c.where)
		}
	}
}

// push opens the paired code o. Its id is new in the content (c.id
// refuses one used before), so the stack holds it at most once and
// openAt finds it without a scan of the stack.
func (c *conv) push(o opened) {
	if c.openAt == nil {
		c.openAt = map[string]int{}
	}
	c.openAt[o.id] = len(c.stack)
	c.stack = append(c.stack, o)
}

// endCode converts an <ec>, which closes the <sc> it names.
func (c *conv) endCode(x *elem) {
	if iso, _ := x.get("isolated"); iso == "yes" {
		c.errorf(x.line, "isolated <ec>: the code must open in the same unit, with <sc id=…/>")
		return
	}
	ref, ok := x.get("startRef")
	if !ok {
		c.errorf(x.line, "<ec> in <%s> has no startRef attribute", c.where)
		return
	}
	i, ok := c.openAt[ref]
	if !ok || i >= len(c.stack) || c.stack[i].id != ref || c.stack[i].tag != "sc" {
		c.errorf(x.line, "<ec startRef=%q> in <%s> closes no open <sc id=%q>", ref, c.where, ref)
		return
	}
	if i != len(c.stack)-1 {
		o := c.stack[len(c.stack)-1]
		c.errorf(x.line, "<ec startRef=%q> closes <sc id=%q> while <%s id=%q> (line %d) is still open; codes must nest", ref, ref, o.tag, o.id, o.line)
	}
	c.stack = c.stack[:i]
	c.placeholder(token{tokClose, ref})
	if closing, ok := c.ref(x, "dataRef"); ok {
		c.code(ref, true).Close = closing
	}
}
