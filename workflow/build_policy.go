package workflow

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// This file holds the build policy: what it takes for an edition to be
// built, and the reasons and advice a build gives when one is not.

// PolicyError is a build policy that makes no sense.
type PolicyError struct{ Err error }

func (e *PolicyError) Error() string { return e.Err.Error() }
func (e *PolicyError) Unwrap() error { return e.Err }

func (o BuildOptions) check(ws *Workspace) error {
	if err := o.checkPolicy(ws); err != nil {
		return &PolicyError{Err: err}
	}
	return nil
}

func (o BuildOptions) checkPolicy(ws *Workspace) error {
	if o.Require != Translated && o.Require != Reviewed {
		return fmt.Errorf("require %q: use translated or reviewed", o.Require)
	}
	if len(o.Formats) == 0 {
		return errors.New("no format: use md, html or both")
	}
	for _, f := range o.Formats {
		if f != "md" && f != "html" {
			return fmt.Errorf("format %q: use md, html or both", f)
		}
	}
	switch o.Layout {
	case "", LayoutDefault:
	case LayoutHugo:
		if hasFormat(o.Formats, "html") {
			return errors.New("the hugo layout writes Markdown only (Hugo renders the pages): use --format md")
		}
	default:
		return fmt.Errorf("layout %q: use default or hugo", o.Layout)
	}
	if o.MinCoverage < 0 || o.MinCoverage > 100 {
		return fmt.Errorf("min coverage %g: use a percentage from 0 to 100", o.MinCoverage)
	}
	if o.Fallback != "none" && o.Fallback != "source" {
		if _, err := ws.ParseLang(o.Fallback); err != nil {
			return fmt.Errorf("fallback: %w; or use none or source", err)
		}
	}
	return nil
}

// unfilledReason says why an edition has segments with nothing to show,
// and how to get it built.
func unfilledReason(ed *editionBuild, opts BuildOptions, fbTag language.Tag, catalog string) string {
	c := ed.Coverage
	var parts []string
	if s := c.States; s != nil {
		if s.Missing > 0 {
			parts = append(parts, fmt.Sprintf("%d missing", s.Missing))
		}
		if s.Stale > 0 {
			parts = append(parts, fmt.Sprintf("%d stale", s.Stale))
		}
		if opts.Require == Reviewed && s.Translated > 0 {
			parts = append(parts, fmt.Sprintf("%d translated but not reviewed", s.Translated))
		}
	}
	notDone := c.Segments - c.Finished
	msg := fmt.Sprintf("%d of %d %s %s not %s (%s)", notDone, c.Segments, plural(c.Segments, "segment", "segments"), plural(notDone, "is", "are"), opts.Require, strings.Join(parts, ", "))
	if opts.Fallback == "none" {
		msg += " and there is no fallback"
	} else {
		msg += fmt.Sprintf(" and the %s fallback has no %s text for %d of them", fbTag, opts.Require, c.Unfilled)
	}
	return fmt.Sprintf("%s: %s, or build with --fallback source --min-coverage %d", msg, finishAdvice(ed, opts, plural(notDone, "it", "them"), catalog), c.floorPercent())
}

// finishAdvice says how to finish the unfinished segments of an edition
// (what names them): the command that pulls them for translation, with the
// message file they go to, or the command that reviews them.
func finishAdvice(ed *editionBuild, opts BuildOptions, what, catalog string) string {
	scope := "--lang " + ed.Lang + " --article " + shellWord(ed.Article)
	review := "tilmash review " + scope
	s := ed.Coverage.States
	if s == nil || s.Missing+s.Stale > 0 {
		msg := fmt.Sprintf("translate %s (tilmash pull %s; message file %s)", what, scope, catalog)
		if opts.Require == Reviewed {
			msg += ", then review (" + review + ")"
		}
		return msg
	}
	return fmt.Sprintf("review %s (%s)", what, review)
}

// floorPercent is the coverage percentage rounded down: the highest whole
// --min-coverage the edition meets.
func (c Coverage) floorPercent() int {
	return c.Finished * 100 / max(c.Segments, 1)
}

// shellWord quotes s for a shell command line when it needs it.
func shellWord(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.,/+=:@%", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}

// plural picks the English form for a count: plural(1, "segment",
// "segments").
func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
