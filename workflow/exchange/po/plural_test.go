package po

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// cldrForm returns the gettext form index of CLDR's plural category of
// whole number n in the language of tag: one, few, many, other, in that
// order, counting only the categories that whole numbers get.
func cldrForm(tag language.Tag, n int) int {
	order := map[plural.Form]int{plural.One: 0, plural.Other: 1}
	if base, _ := tag.Base(); base.String() == "ru" {
		order = map[plural.Form]int{plural.One: 0, plural.Few: 1, plural.Many: 2}
	}
	form, ok := order[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
	if !ok {
		return -1
	}
	return form
}

// evalPlural evaluates the plural expression of a Plural-Forms value for
// n. It knows the C operators that Plural-Forms use.
func evalPlural(t *testing.T, forms string, n int) int {
	t.Helper()
	_, expr, ok := strings.Cut(forms, "plural=")
	if !ok {
		t.Fatalf("no plural= in %q", forms)
	}
	e := &pluralExpr{s: strings.TrimSuffix(strings.TrimSpace(expr), ";"), n: n}
	v := e.ternary()
	if e.skipSpace(); e.s != "" || e.err != nil {
		t.Fatalf("bad plural expression %q: %v (at %q)", expr, e.err, e.s)
	}
	return v
}

// pluralExpr is a recursive-descent evaluator of C expressions over n.
type pluralExpr struct {
	s   string
	n   int
	err error
}

func (e *pluralExpr) skipSpace() { e.s = strings.TrimLeft(e.s, " ") }

func (e *pluralExpr) eat(op string) bool {
	e.skipSpace()
	if strings.HasPrefix(e.s, op) {
		e.s = e.s[len(op):]
		return true
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (e *pluralExpr) ternary() int {
	c := e.or()
	if !e.eat("?") {
		return c
	}
	a := e.ternary()
	if !e.eat(":") {
		e.err = fmt.Errorf("want :")
	}
	b := e.ternary()
	if c != 0 {
		return a
	}
	return b
}

func (e *pluralExpr) or() int {
	v := e.and()
	for e.eat("||") {
		w := e.and()
		v = b2i(v != 0 || w != 0)
	}
	return v
}

func (e *pluralExpr) and() int {
	v := e.cmp()
	for e.eat("&&") {
		w := e.cmp()
		v = b2i(v != 0 && w != 0)
	}
	return v
}

func (e *pluralExpr) cmp() int {
	v := e.mod()
	for {
		switch {
		case e.eat("=="):
			v = b2i(v == e.mod())
		case e.eat("!="):
			v = b2i(v != e.mod())
		case e.eat("<="):
			v = b2i(v <= e.mod())
		case e.eat(">="):
			v = b2i(v >= e.mod())
		case e.eat("<"):
			v = b2i(v < e.mod())
		case e.eat(">"):
			v = b2i(v > e.mod())
		default:
			return v
		}
	}
}

func (e *pluralExpr) mod() int {
	v := e.atom()
	for e.eat("%") {
		v %= e.atom()
	}
	return v
}

func (e *pluralExpr) atom() int {
	switch {
	case e.eat("("):
		v := e.ternary()
		if !e.eat(")") {
			e.err = fmt.Errorf("want )")
		}
		return v
	case e.eat("n"):
		return e.n
	}
	i := 0
	for i < len(e.s) && e.s[i] >= '0' && e.s[i] <= '9' {
		i++
	}
	v, err := strconv.Atoi(e.s[:i])
	if err != nil {
		e.err = fmt.Errorf("want a number")
		return 1
	}
	e.s = e.s[i:]
	return v
}
