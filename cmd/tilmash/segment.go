package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/segment"
)

type segmentOptions struct {
	lang      string
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
		`),
		Example: heredoc.Doc(`
			$ echo 'Dr. Smith arrived. He left at 5 p.m. on Monday.' | tilmash segment --plain
			$ tilmash segment --lang tr --json articles/haber.md
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
		data, err = os.ReadFile(p)
	}
	if err != nil {
		return err
	}
	unit := segment.UnitSentence
	if opts.paragraph {
		unit = segment.UnitParagraph
	}
	doc, err := segment.Split(data, segment.Options{Lang: tag, Unit: unit, Plain: opts.plain})
	if err != nil {
		return fmt.Errorf("%s:%w", name, err)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for _, s := range doc.Segments {
		if opts.json {
			if err := enc.Encode(struct {
				Text  string       `json:"text"`
				Kind  segment.Kind `json:"kind"`
				Block int          `json:"block"`
				Line  int          `json:"line"`
			}{s.Text, s.Kind, s.Block, s.Line}); err != nil {
				return err
			}
			continue
		}
		if _, err := fmt.Fprintln(e.stdout, s.Text); err != nil {
			return err
		}
	}
	return nil
}
