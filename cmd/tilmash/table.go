package main

import (
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// table prints aligned columns for people: text left, numbers right.
type table struct {
	header []string
	// right marks the columns aligned to the right.
	right []bool
	rows  [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// width is the number of columns a cell takes on a terminal.
func width(s string) int { return utf8.RuneCountInString(ansi.ReplaceAllString(s, "")) }

func (t *table) write(w io.Writer) error {
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], width(c))
		}
	}
	var sb strings.Builder
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-width(c))
			last := i == len(r)-1
			switch {
			case i < len(t.right) && t.right[i]:
				sb.WriteString(pad + c)
			case last:
				sb.WriteString(c)
			default:
				sb.WriteString(c + pad)
			}
			if !last {
				sb.WriteString("  ")
			}
		}
		sb.WriteByte('\n')
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
