package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/catalog"
	"github.com/tilmash/tilmash/workflow/store"
)

type pullOptions struct {
	lang     string
	articles []string
	format   string
	include  []string
	out      string
	force    bool
}

func newPullCmd(e *env) *cobra.Command {
	opts := pullOptions{}
	cmd := &cobra.Command{
		Use:   "pull --lang L",
		Short: "Hand a translator the pending segments",
		Long: heredoc.Doc(`
			Write the segments still pending in a language (missing and stale,
			or the states given with --include), in document order, with their
			context: the article's title and location, the neighbouring
			sentences, for stale segments the previous source, a word diff and
			the current translation, and translation-memory suggestions.

			Formats: toml (a go-i18n translate file, like goi18n's), xliff
			(XLIFF 2.0, for CAT tools) and po (gettext, for Poedit and Weblate);
			without --format, an -o FILE ending in .po, .xlf or .xliff says it.
			The word count goes to standard error.
		`),
		Example: heredoc.Doc(`
			$ tilmash pull --lang kk -o translate.kk.toml
			$ tilmash pull --lang tr --format xliff -o kazakhstan-turkey.tr.xlf
			$ tilmash pull --lang ru --format po --article kazakhstan-turkey > ru.po
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.lang == "" {
				return usageError{fmt.Errorf("pull needs --lang")}
			}
			if !cmd.Flags().Changed("format") && opts.out != "" {
				// -o ru.po and -o tr.xlf say the format
				if ext := strings.ToLower(filepath.Ext(opts.out)); ext == ".po" || ext == ".xlf" || ext == ".xliff" {
					opts.format = workflow.FormatOf(opts.out, nil)
				}
			}
			switch opts.format {
			case workflow.FormatTOML, workflow.FormatXLIFF, workflow.FormatPO:
			default:
				return usageError{fmt.Errorf("unknown --format %q: use toml, xliff or po", opts.format)}
			}
			return runPull(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.lang, "lang", "", "target language")
	f.StringSliceVar(&opts.articles, "article", nil, "only these articles")
	f.StringVar(&opts.format, "format", "toml", "toml, xliff or po")
	f.StringSliceVar(&opts.include, "include", nil, "states to pull: missing, stale, translated, reviewed (default missing,stale)")
	f.StringVarP(&opts.out, "output", "o", "", "write to `FILE` instead of standard output (never over an existing file without --force)")
	f.BoolVar(&opts.force, "force", false, "let -o replace an existing file")
	return cmd
}

func runPull(e *env, opts pullOptions) error {
	ws, done, err := openWorkspace(e, store.Shared)
	if err != nil {
		return err
	}
	defer done()
	filter, err := filterOf(e, ws, opts.articles, []string{opts.lang})
	if err != nil {
		return err
	}
	po := workflow.PullOptions{Filter: filter, Lang: filter.Langs[0]}
	for _, s := range opts.include {
		switch st := workflow.State(s); st {
		case workflow.Missing, workflow.Stale, workflow.Translated, workflow.Reviewed:
			po.Include = append(po.Include, st)
		default:
			return usageError{fmt.Errorf("unknown state %q in --include: use missing, stale, translated or reviewed", s)}
		}
	}
	if opts.format == workflow.FormatTOML && opts.out != "" {
		if tag, err := catalog.LangOfPath(opts.out); err != nil || tag != po.Lang {
			return usageError{fmt.Errorf("-o %s: go-i18n reads a file's language from its name: name it <name>.%s.toml, e.g. translate.%s.toml", opts.out, po.Lang, po.Lang)}
		}
	}
	items, err := ws.Pull(e.ctx, po)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ws.WritePull(&buf, opts.format, po.Lang, items, e.now()); err != nil {
		return err
	}
	words := 0
	for _, it := range items {
		words += it.Words
	}
	if opts.out == "" {
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return err
		}
	} else {
		if err := writeFile(e, ws, opts.out, buf.Bytes(), opts.force); err != nil {
			return err
		}
	}
	if e.quiet {
		return nil
	}
	fmt.Fprintf(e.stderr, "Pulled %d %s, %d %s, for %s.\n", len(items), plural(len(items), "segment", "segments"), words, plural(words, "word", "words"), po.Lang)
	return nil
}
