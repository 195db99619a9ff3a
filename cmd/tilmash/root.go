package main

import (
	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"
)

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
		SilenceErrors: true,
		SilenceUsage:  true,
	}
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
	)
	return cmd
}
