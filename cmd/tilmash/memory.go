package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/store"
)

func newMemoryCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "memory",
		Short: "Trade the translation memory with CAT tools as TMX",
		Long: heredoc.Doc(`
			The translation memory is every current translation and every
			remembered one (replaced versions, translations of removed
			segments). memory export writes it as TMX 1.4 for a CAT tool;
			memory import brings a TMX in as suggestions for the next pull.
		`),
		Example: heredoc.Doc(`
			$ tilmash memory export --format tmx -o newsroom.tmx
			$ tilmash memory import agency.tmx
		`),
		Args: noArgs,
	}
	cmd.AddCommand(newMemoryExportCmd(e), newMemoryImportCmd(e))
	return cmd
}

type memoryExportOptions struct {
	format string
	langs  []string
	out    string
	force  bool
}

func newMemoryExportCmd(e *env) *cobra.Command {
	opts := memoryExportOptions{}
	cmd := &cobra.Command{
		Use:   "export [--lang L] -o FILE",
		Short: "Write the translation memory as TMX",
		Long: heredoc.Doc(`
			Write every current translation (a unit per segment: its source
			text and the translation of each target language that is
			translated or reviewed) and every remembered one (the versions
			the sidecars keep, open conflicts, stale translations and the
			memory files, each with the source text it was made for) as TMX
			1.4, the translation-memory format of CAT tools. Placeholders
			become TMX inline codes (<bpt>, <ept>, <ph>), so a CAT tool
			matches the units to the segments tilmash hands out. --lang keeps
			only translations into that language. The output is sorted and
			dated only by the history's own dates: exporting twice gives the
			same file.
		`),
		Example: heredoc.Doc(`
			$ tilmash memory export --format tmx -o newsroom.tmx
			$ tilmash memory export --lang kk -o newsroom.kk.tmx
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.format != "tmx" {
				return usageError{fmt.Errorf("unknown --format %q: the memory is exported as tmx", opts.format)}
			}
			return runMemoryExport(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "tmx", "tmx (TMX 1.4)")
	f.StringSliceVar(&opts.langs, "lang", nil, "only translations into these languages")
	f.StringVarP(&opts.out, "output", "o", "", "write to `FILE` instead of standard output (never over an existing file without --force)")
	f.BoolVar(&opts.force, "force", false, "let -o replace an existing file")
	return cmd
}

func runMemoryExport(e *env, opts memoryExportOptions) error {
	ws, done, err := openWorkspace(e, store.Shared)
	if err != nil {
		return err
	}
	defer done()
	filter, err := filterOf(e, ws, nil, opts.langs)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	res, err := ws.ExportMemory(e.ctx, &buf, workflow.MemoryExportOptions{Langs: filter.Langs})
	if err != nil {
		return err
	}
	if opts.out == "" {
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return err
		}
	} else if err := writeFile(e, ws, opts.out, buf.Bytes(), opts.force); err != nil {
		return err
	}
	if e.quiet {
		return nil
	}
	fmt.Fprintf(e.stderr, "Exported %d %s: %d current %s, %d remembered.\n", res.Units, plural(res.Units, "unit", "units"),
		res.Current, plural(res.Current, "translation", "translations"), res.Remembered)
	if res.Unsourced > 0 {
		fmt.Fprintf(e.stderr, "Left out %d remembered %s whose source text is not known.\n", res.Unsourced, plural(res.Unsourced, "translation", "translations"))
	}
	return nil
}

type memoryImportOptions struct {
	json bool
}

func newMemoryImportCmd(e *env) *cobra.Command {
	opts := memoryImportOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE.tmx",
		Short: "Bring a TMX into the translation memory as suggestions",
		Long: heredoc.Doc(`
			Read a TMX (1.4, as CAT tools and Translate Toolkit's po2tmx write
			it) and add its units to the translation memory of each target
			language (locales/<lang>/.tilmash/memory.<lang>.toml) with their
			origin: the file's name and the tool that wrote it. They are
			suggestions that the next pull offers, never current
			translations. A unit's source is its text in the language the
			articles are written in; regional tags match their language
			(kk-KZ is kk). Translations the workspace has already are not
			added twice, so importing a file again changes nothing.
		`),
		Example: heredoc.Doc(`
			$ tilmash memory import agency.tmx
			$ po2tmx -l kk kk.po kk.tmx && tilmash memory import kk.tmx
		`),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("memory import takes one TMX file, got %d arguments", len(args))}
			}
			return runMemoryImport(e, args[0], opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, `print {"origin", "langs": [{"lang", "added", "known"}], "skipped"}`)
	return cmd
}

func runMemoryImport(e *env, name string, opts memoryImportOptions) error {
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(e.dir, p)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	ws, done, err := openWorkspace(e, store.Exclusive)
	if err != nil {
		return err
	}
	defer done()
	plan, res, err := ws.ImportMemory(e.ctx, workflow.MemoryImportOptions{Name: name, Data: data})
	if err != nil {
		return err
	}
	if err := ws.Apply(e.ctx, e.writer, plan); err != nil {
		return err
	}
	if opts.json {
		return writeJSON(e, res)
	}
	for _, l := range res.Langs {
		fmt.Fprintf(e.stdout, "%s: %d added, %d known already\n", l.Lang, l.Added, l.Known)
	}
	if res.Skipped > 0 {
		fmt.Fprintf(e.stdout, "%d %s skipped: no text in the articles' language, or none in another language of the workspace\n",
			res.Skipped, plural(res.Skipped, "unit", "units"))
	}
	if len(res.Langs) == 0 && res.Skipped == 0 {
		fmt.Fprintf(e.stdout, "%s holds no units\n", name)
	}
	return nil
}

// unwrapPathError returns the error of a failed file operation without
// the path, which the caller names as the user gave it.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
