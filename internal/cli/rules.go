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
	var markdown bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules with their severity",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if markdown {
				_, err := fmt.Fprint(f.IO.Out, rulesMarkdown())
				return err
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RULE\tSEVERITY\tSINCE\tDESCRIPTION")
			for _, r := range rules.All() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name(), r.Severity, r.Since, analyzerdoc.Title(r.Analyzer.Doc))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print the table of rules in the README's Markdown")
	return cmd
}

// rulesMarkdown is the README's rule table; a test keeps the README in step.
func rulesMarkdown() string {
	var b strings.Builder
	b.WriteString("| rule | severity | since | what it reports |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| [`%s`](%s) | %s | %s | %s |\n", r.Name(), r.Analyzer.URL, r.Severity, r.Since, analyzerdoc.Title(r.Analyzer.Doc))
	}
	for _, r := range rules.All() {
		_, body, _ := strings.Cut(r.Analyzer.Doc, "\n\n")
		fmt.Fprintf(&b, "\n### %s\n\n%s\n", r.Name(), indentCode(body))
	}
	return b.String()
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

// indentCode turns go doc's tab-indented code blocks into Markdown ones.
func indentCode(doc string) string {
	lines := strings.Split(strings.TrimSpace(doc), "\n")
	for i, l := range lines {
		if after, ok := strings.CutPrefix(l, "\t"); ok {
			lines[i] = "    " + after
		}
	}
	return strings.Join(lines, "\n")
}
