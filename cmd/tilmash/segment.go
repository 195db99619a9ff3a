package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/article"
	"github.com/tilmash/tilmash/workflow/segment"
	"github.com/tilmash/tilmash/workflow/segment/sentence"
)

type segmentOptions struct {
	lang      string
	langSet   bool // --lang was given: it wins over an article's lang
	plain     bool
	json      bool
	paragraph bool
	file      string
}

func newSegmentCmd(e *env) *cobra.Command {
	opts := segmentOptions{}
	cmd := &cobra.Command{
		Use:   "segment [FILE|-]",
		Short: "Show how a text is cut into segments",
		Long: heredoc.Doc(`
			Print the segments of a Markdown text (or, with --plain, of plain
			text whose paragraphs are separated by blank lines), one a line.
			Inline markup shows as placeholders: <1>…</1> around text, <2/> alone.
			With --json, print one JSON object a line with "text", "kind",
			"block" and "line". Reads standard input when FILE is - or absent.

			An article file (Markdown that starts with "+++" front matter) gives
			its title first (kind "title", block -1), then the segments of its
			body; lines count from the top of the file. The front matter's lang
			picks the sentence rules unless --lang is given. A language with no
			rules of its own (only en, ru, kk and tr have them) is split by the
			generic rules, with a note on standard error.

			With --plain, a line with no end punctuation (a heading, a list-like
			line) is a segment of its own when the next line starts like a new
			sentence, and runs of spaces print as one, as translators see them.
			Warnings about the source, such as a paragraph that Markdown reads
			as a numbered list only because it starts with "42.", go to
			standard error with their line. Control characters and
			bidirectional overrides in the text are refused, naming the line.
		`),
		Example: heredoc.Doc(`
			$ echo 'Dr. Smith arrived. He left at 5 p.m. on Monday.' | tilmash segment --plain
			$ tilmash segment --json articles/haber.md
			$ tilmash segment --lang tr-TR articles/haber.md
		`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("segment reads one file, got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.file = args[0]
			}
			opts.langSet = cmd.Flags().Changed("lang")
			return runSegment(e, opts)
		},
	}
	cmd.Flags().StringVar(&opts.lang, "lang", "en", "language of the text (sentence rules)")
	cmd.Flags().BoolVar(&opts.plain, "plain", false, "read plain text, not Markdown")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print one JSON object a line")
	cmd.Flags().BoolVar(&opts.paragraph, "paragraph", false, "keep paragraphs whole instead of cutting sentences")
	return cmd
}

func runSegment(e *env, opts segmentOptions) error {
	tag, err := language.Parse(opts.lang)
	if err != nil {
		return usageError{fmt.Errorf("invalid --lang %q: use a BCP 47 tag such as en, ru, kk or tr", opts.lang)}
	}
	name := "standard input"
	var data []byte
	if opts.file == "" || opts.file == "-" {
		data, err = io.ReadAll(e.stdin)
	} else {
		name = opts.file
		p := opts.file
		if !filepath.IsAbs(p) {
			p = filepath.Join(e.dir, p)
		}
		var release func()
		data, release, err = readInput(p)
		if err == nil {
			defer release()
		}
	}
	if err != nil {
		return err
	}
	var title *segment.Segment
	body, bodyStart, bodyLine := data, 0, 0
	if !opts.plain && hasFrontMatter(data) {
		// Parse wants an article path (<slug>.md); errors name the input.
		a, err := article.Parse("stdin.md", data)
		if err != nil {
			var ae *article.Error
			if errors.As(err, &ae) {
				return &article.Error{Path: name, Line: ae.Line, Msg: ae.Msg}
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		if !opts.langSet {
			tag = a.Lang
		}
		title = &segment.Segment{Text: a.Title, Kind: "title", Block: -1, Line: a.TitleLine}
		body, bodyStart = a.Body(), a.BodyStart
		bodyLine = bytes.Count(data[:bodyStart], []byte("\n"))
	}
	unit := segment.UnitSentence
	if opts.paragraph {
		unit = segment.UnitParagraph
	}
	if unit == segment.UnitSentence && !sentence.HasRules(tag) {
		fmt.Fprintf(e.stderr, "tilmash: no sentence rules for %s; using the generic rules\n", tag)
	}
	// Buffered: one write per 64 KB, not one per segment.
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	w := segmentWriter{out: out, json: opts.json}
	if title != nil {
		if err := w.write(title, 0); err != nil {
			return err
		}
	}
	// Streamed: a long text is split a part at a time, on every core, and
	// its segments are printed as they come.
	err = segment.Stream(body, segment.Options{Lang: tag, Unit: unit, Plain: opts.plain}, func(segs []segment.Segment, warnings []segment.Warning) error {
		if err := e.ctx.Err(); err != nil {
			return err // Ctrl-C
		}
		for _, w := range warnings {
			fmt.Fprintf(e.stderr, "tilmash: %s:%d: warning: %s\n", name, w.Line+bodyLine, w.Msg)
		}
		for i := range segs {
			if err := w.write(&segs[i], bodyLine); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		// Line numbers count from the top of the file, front matter included.
		moved := segment.MoveError(err, bodyLine, bodyStart)
		if moved == err {
			return err // writing failed, or interrupted: no place in the text
		}
		// Refused input prints nothing: what is buffered is dropped.
		return fmt.Errorf("%s:%w", name, moved)
	}
	return out.Flush()
}

// segmentWriter prints segments one a line, as text or as JSON objects.
type segmentWriter struct {
	out  *bufio.Writer
	json bool
	enc  *json.Encoder
}

// write prints s; its line is shifted by lines, the lines of the front
// matter before the body.
func (w *segmentWriter) write(s *segment.Segment, lines int) error {
	if w.json {
		if w.enc == nil {
			w.enc = json.NewEncoder(w.out)
			w.enc.SetEscapeHTML(false)
		}
		return w.enc.Encode(struct {
			Text  string       `json:"text"`
			Kind  segment.Kind `json:"kind"`
			Block int          `json:"block"`
			Line  int          `json:"line"`
		}{s.Text, s.Kind, s.Block, s.Line + lines})
	}
	if _, err := w.out.WriteString(s.Text); err != nil {
		return err
	}
	return w.out.WriteByte('\n')
}

// hasFrontMatter reports whether data starts with YAML ("---") or TOML
// ("+++") front matter: an article file.
func hasFrontMatter(data []byte) bool { return article.FormatOf(data) != "" }
