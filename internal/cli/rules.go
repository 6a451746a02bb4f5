package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/rules"
)

func newCmdRules(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List the rules with their severity",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RULE\tSEVERITY\tSINCE\tDESCRIPTION")
			for _, r := range rules.All() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name(), r.Severity, r.Since, analyzerdoc.Title(r.Analyzer.Doc))
			}
			return tw.Flush()
		},
	}
}

func newCmdExplain(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Show a rule's documentation",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			var names []string
			for _, r := range rules.All() {
				if r.Name() == args[0] {
					fmt.Fprintf(f.IO.Out, "%s\n\nSeverity: %s\nSince: %s\nMore: %s\n", r.Analyzer.Doc, r.Severity, r.Since, r.Analyzer.URL)
					return nil
				}
				names = append(names, r.Name())
			}
			return flagErrorf("unknown rule %q: want one of %s", args[0], strings.Join(names, ", "))
		},
	}
}
