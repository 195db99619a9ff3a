package main

import (
	"runtime/debug"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"
)

// version says which tilmash this is: the module version and the VCS
// revision the binary was built from, as the build info records them.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " (" + rev
		if dirty {
			v += ", modified"
		}
		if at != "" {
			v += ", " + at
		}
		v += ")"
	}
	return v + " " + info.GoVersion
}

func newRootCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tilmash",
		Short: "Translation workflow for a multilingual newsroom",
		Long: heredoc.Doc(`
			tilmash cuts source articles into segments, tracks every segment's
			translation in go-i18n message files, hands translators the pending
			work, shows editors the coverage, and builds the localized editions.

			Exit status: 0 success, 1 failure or threshold missed, 2 usage error.
		`),
		Example: heredoc.Doc(`
			$ tilmash init newsroom && cd newsroom
			$ tilmash sync && tilmash status
			$ tilmash pull --lang kk -o translate.kk.toml && tilmash push translate.kk.toml
			$ tilmash build
		`),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	cmd.PersistentFlags().DurationVar(&e.wait, "wait", e.wait, "how long to wait for another command's lock on the workspace")
	cmd.PersistentFlags().BoolVarP(&e.quiet, "quiet", "q", false, "no progress bar and no notes on stderr (errors are still printed)")
	cmd.Version = version()
	cmd.SetVersionTemplate("tilmash {{.Version}}\n")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	cmd.AddCommand(
		newInitCmd(e),
		newSyncCmd(e),
		newStatusCmd(e),
		newBuildCmd(e),
		newSegmentCmd(e),
		newReviewCmd(e),
		newPullCmd(e),
		newPushCmd(e),
		newCheckCmd(e),
		newLogCmd(e),
		newManifestCmd(e),
		newGlossaryCmd(e),
		newSetupGitCmd(e),
		newMergeFileCmd(e),
		newResolveCmd(e),
		newMemoryCmd(e),
		newServeCmd(e),
	)
	indentExamples(cmd)
	return cmd
}

// indentExamples indents every command's examples under their heading, as
// cobra prints them as they are.
func indentExamples(cmd *cobra.Command) {
	if cmd.Example != "" {
		lines := strings.Split(strings.TrimRight(cmd.Example, "\n"), "\n")
		for i, l := range lines {
			lines[i] = "  " + l
		}
		cmd.Example = strings.Join(lines, "\n")
	}
	for _, c := range cmd.Commands() {
		indentExamples(c)
	}
}
