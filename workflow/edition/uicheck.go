package edition

// This file checks that UI strings are text with {{.Name}} references and
// nothing else: go-i18n renders them as Go text/template templates, in
// which {{range}}, {{template}} and the like could make a build run for
// ever.

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// uiAdvice ends every UIStringError.
const uiAdvice = "UI strings may use only {{.Name}} references; keep those of tilmash's default string and write the rest as plain text"

// UIStringError reports a UI string (one plural form of a go-i18n
// message) that is more than text and {{.Name}} references.
type UIStringError struct {
	Path    string // the message file, when known
	Line    int    // the line of the string in Path, when known
	ID      string // the message ID
	Form    string // the plural form: zero, one, two, few, many or other
	Problem string // what is wrong, such as "{{range}} is not allowed"
}

// Error returns the problem, located by file, line, message ID and plural
// form, and says what to do:
// `locales/kk/ui.kk.toml:12: UI string "edition_coverage" (plural form "other"): {{range}} is not allowed; UI strings may use only {{.Name}} references; …`.
func (e *UIStringError) Error() string {
	var b strings.Builder
	switch {
	case e.Path != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", e.Path, e.Line)
	case e.Path != "":
		fmt.Fprintf(&b, "%s: ", e.Path)
	}
	fmt.Fprintf(&b, "UI string %q (plural form %q): %s; %s", e.ID, e.Form, e.Problem, uiAdvice)
	return b.String()
}

// pluralForms lists the plural forms of m in CLDR order.
func pluralForms(m *i18n.Message) [6]struct{ form, text string } {
	return [...]struct{ form, text string }{
		{"zero", m.Zero}, {"one", m.One}, {"two", m.Two},
		{"few", m.Few}, {"many", m.Many}, {"other", m.Other},
	}
}

// CheckUIMessage checks every plural form of a UI message: each must be
// plain text with, at most, references {{.Name}} to the values the string
// is given (or {{ .Name }}, with spaces), in the message's own delimiters
// if it sets leftDelim and rightDelim, as go-i18n renders it. Everything
// else that text/template offers ({{range}}, {{if}}, {{with}},
// {{template}}, {{define}}, {{block}}, pipelines, function calls,
// variables, constants, comments, trim markers) is refused: such a string
// could take any time to render. It returns nil or one *UIStringError per
// refused form, joined.
func CheckUIMessage(m *i18n.Message) error {
	var errs []error
	for _, f := range pluralForms(m) {
		if problem := uiTextProblem(m.ID, f.text, m.LeftDelim, m.RightDelim); problem != "" {
			errs = append(errs, &UIStringError{ID: m.ID, Form: f.form, Problem: problem})
		}
	}
	return errors.Join(errs...)
}

// CheckUIFile checks every message of a go-i18n TOML message file of UI
// strings, as CheckUIMessage does, and returns nil or one *UIStringError
// per refused string, with path and line, joined in the order of the file.
// data is parsed as go-i18n parses it; an error to parse it is returned
// as is, prefixed by path.
func CheckUIFile(path string, data []byte) error {
	mf, err := i18n.ParseMessageFileBytes(data, path, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var errs []*UIStringError
	var lines map[string]int
	for _, m := range mf.Messages {
		for _, f := range pluralForms(m) {
			problem := uiTextProblem(m.ID, f.text, m.LeftDelim, m.RightDelim)
			if problem == "" {
				continue
			}
			if lines == nil {
				lines = keyLines(data)
			}
			errs = append(errs, &UIStringError{Path: path, Line: stringLine(lines, m.ID, f.form), ID: m.ID, Form: f.form, Problem: problem})
		}
	}
	slices.SortStableFunc(errs, func(a, b *UIStringError) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.ID, b.ID))
	})
	joined := make([]error, len(errs))
	for i, e := range errs {
		joined[i] = e
	}
	return errors.Join(joined...)
}

// keyLines maps the dotted path of every key of a TOML document (tables
// too) to its line. Its last part is lower-cased, as go-i18n reads plural
// forms whatever their case. A document that does not parse gives what
// precedes the error.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	add := func(path []string, key *unstable.Node) {
		if len(path) == 0 {
			return
		}
		k := strings.Join(path, ".")
		i := len(k) - len(path[len(path)-1])
		k = k[:i] + strings.ToLower(k[i:])
		if _, dup := lines[k]; !dup {
			lines[k] = p.Shape(key.Raw).Start.Line
		}
	}
	var keyValue func(prefix []string, kv *unstable.Node)
	keyValue = func(prefix []string, kv *unstable.Node) {
		path := slices.Clone(prefix)
		var first *unstable.Node
		for it := kv.Key(); it.Next(); {
			if first == nil {
				first = it.Node()
			}
			path = append(path, string(it.Node().Data))
			add(path, first)
		}
		if v := kv.Value(); v.Kind == unstable.InlineTable {
			for it := v.Children(); it.Next(); {
				keyValue(path, it.Node())
			}
		}
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = table[:0]
			var first *unstable.Node
			for it := e.Key(); it.Next(); {
				if first == nil {
					first = it.Node()
				}
				table = append(table, string(it.Node().Data))
			}
			add(table, first)
		case unstable.KeyValue:
			keyValue(table, e)
		}
	}
	return lines
}

// stringLine returns the line of plural form form of message id, or of
// the message, or 0 when keyLines does not know it.
func stringLine(lines map[string]int, id, form string) int {
	if l, ok := lines[id+"."+form]; ok {
		return l
	}
	i := strings.LastIndexByte(id, '.') + 1
	return lines[id[:i]+strings.ToLower(id[i:])]
}

// spaces are the characters text/template skips inside an action.
const spaces = " \t\r\n"

// uiTextProblem returns why text, one form of UI message id with
// delimiters left and right ("" for the default "{{" and "}}"), is not
// plain text with {{.Name}} references only, or "" when it is.
//
// It parses text as go-i18n does, with text/template/parse, and walks the
// tree: the top level may hold only text and actions whose pipeline is one
// field of the data, {{.Name}}. It then checks the source of every action
// by the positions of the nodes, which refuses the trim markers ({{- and
// -}}) that the tree does not show.
func uiTextProblem(id, text, left, right string) string {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	switch n := strings.Count(text, left); {
	case n == 0:
		return "" // go-i18n renders it as it is, without parsing it
	case n > maxUIActions:
		// Not parsed: text/template/parse recurses into every nested
		// {{if}} and the like, and overflows the stack (a fatal error, not
		// a panic) on a few hundred thousand of them.
		return fmt.Sprintf("it has %d actions (%s…%s), more than the %d a UI string may have", n, left, right, maxUIActions)
	}
	tree, trees, err := parseUI(id, text, left, right)
	if err != nil {
		return fmt.Sprintf("it is not a valid template (%v)", err)
	}
	if len(trees) != 1 || trees[id] != tree {
		return fmt.Sprintf("%sdefine%s and %sblock%s are not allowed", left, right, left, right)
	}
	if tree.Root == nil {
		return ""
	}
	at := 0 // the offset in text up to which the nodes account for it
	for _, n := range tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if int(n.Pos) != at || !strings.HasPrefix(text[at:], string(n.Text)) {
				return trimMarkers(left, right)
			}
			at += len(n.Text)
		case *parse.ActionNode:
			field, problem := plainField(n, left, right)
			if problem != "" {
				return problem
			}
			end, ok := actionEnd(text, at, field, left, right)
			if !ok {
				return trimMarkers(left, right)
			}
			at = end
		default:
			return nodeProblem(n, left, right)
		}
	}
	if at != len(text) {
		return trimMarkers(left, right)
	}
	return ""
}

// maxUIActions bounds the actions of a UI string that uiTextProblem
// parses: a UI string needs a few {{.Name}} references at most.
const maxUIActions = 100

// parseUI parses text as a template named id, without checking its
// functions, keeping its comments. A panic of the parser is returned as
// an error: go-i18n would panic on the same text.
func parseUI(id, text, left, right string) (tree *parse.Tree, trees map[string]*parse.Tree, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	tree = parse.New(id)
	tree.Mode = parse.ParseComments | parse.SkipFuncCheck
	trees = map[string]*parse.Tree{}
	_, err = tree.Parse(text, left, right, trees)
	return tree, trees, err
}

// trimMarkers is the problem of an action with trim markers.
func trimMarkers(left, right string) string {
	return fmt.Sprintf("trim markers (%s- and -%s) are not allowed", left, right)
}

// plainField returns the field of an action {{.Name}}, or what else the
// action does.
func plainField(n *parse.ActionNode, left, right string) (*parse.FieldNode, string) {
	p := n.Pipe
	switch {
	case p == nil || len(p.Cmds) == 0:
		return nil, "an empty action is not allowed"
	case len(p.Decl) > 0:
		return nil, fmt.Sprintf("variables (%s$x := …%s) are not allowed", left, right)
	case len(p.Cmds) > 1:
		return nil, fmt.Sprintf("pipelines (%s… | …%s) are not allowed", left, right)
	}
	args := p.Cmds[0].Args
	if len(args) == 0 {
		return nil, "an empty action is not allowed"
	}
	if len(args) > 1 {
		if _, ok := args[0].(*parse.IdentifierNode); ok {
			return nil, fmt.Sprintf("function calls (%s%s …%s) are not allowed", left, args[0], right)
		}
		return nil, fmt.Sprintf("arguments (%s%s …%s) are not allowed", left, args[0], right)
	}
	switch a := args[0].(type) {
	case *parse.FieldNode:
		if len(a.Ident) != 1 {
			return nil, fmt.Sprintf("%s%s%s is not allowed: a reference names one value, as in %s.%s%s", left, a, right, left, a.Ident[0], right)
		}
		return a, ""
	case *parse.IdentifierNode:
		return nil, fmt.Sprintf("function calls (%s%s%s) are not allowed", left, a, right)
	case *parse.DotNode:
		return nil, fmt.Sprintf("%s.%s is not allowed: a reference names one value, as in %s.Name%s", left, right, left, right)
	case *parse.VariableNode:
		return nil, fmt.Sprintf("variables (%s%s%s) are not allowed", left, a, right)
	case *parse.PipeNode, *parse.ChainNode:
		return nil, fmt.Sprintf("parenthesized expressions (%s(…)%s) are not allowed", left, right)
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return nil, fmt.Sprintf("constants (%s%s%s) are not allowed: write them as plain text", left, truncate(a.String(), 20), right)
	}
	return nil, fmt.Sprintf("%s%s%s is not allowed", left, truncate(args[0].String(), 20), right)
}

// actionEnd checks that the action of field, starting at offset at of
// text, is left, optional spaces, the field, optional spaces and right, and
// returns the offset after it.
func actionEnd(text string, at int, field *parse.FieldNode, left, right string) (int, bool) {
	pos := int(field.Pos)
	if pos < at || pos > len(text) {
		return 0, false
	}
	before := text[at:pos]
	if !strings.HasPrefix(before, left) || strings.Trim(before[len(left):], spaces) != "" {
		return 0, false
	}
	name := "." + field.Ident[0]
	if !strings.HasPrefix(text[pos:], name) {
		return 0, false
	}
	rest := strings.TrimLeft(text[pos+len(name):], spaces)
	if !strings.HasPrefix(rest, right) {
		return 0, false
	}
	return len(text) - len(rest) + len(right), true
}

// nodeProblem names a node other than text and actions at the top of a
// UI string's tree.
func nodeProblem(n parse.Node, left, right string) string {
	keyword := ""
	switch n.(type) {
	case *parse.RangeNode:
		keyword = "range"
	case *parse.IfNode:
		keyword = "if"
	case *parse.WithNode:
		keyword = "with"
	case *parse.TemplateNode:
		keyword = "template"
	case *parse.BreakNode:
		keyword = "break"
	case *parse.ContinueNode:
		keyword = "continue"
	case *parse.CommentNode:
		return fmt.Sprintf("comments (%s/* … */%s) are not allowed", left, right)
	default:
		return fmt.Sprintf("%s is not allowed", truncate(n.String(), 20))
	}
	return fmt.Sprintf("%s%s%s is not allowed", left, keyword, right)
}

// truncate shortens s to n runes for a message.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
