package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
)

func newCmdExplainClass(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "explain-class CLASS",
		Short: "Say whether a library class keeps state in savepoints, why, and which artifact says so",
		Long: `explain-class looks a class up in the statefulness catalog the analysis uses for
code outside the analysed sources: the project's stateful-classes and
stateless-classes (.uidcheck.yaml), a few hand-written entries, and the
entries judged from the bytecode of Flink's and the connectors' jars
(scripts/catalog-gen.sh). CLASS is a fully qualified or simple name
(KafkaSink, org.apache.flink.connector.kafka.sink.KafkaSink), a nested one
(PostgreSQLSource.Builder) or a static factory (JdbcSink.exactlyOnceSink).
A class the catalog does not know exits 2.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			c, err := loadConfig("")
			if err != nil {
				return err
			}
			cat, err := projectCatalog(c)
			if err != nil {
				return err
			}
			entries := cat.Explain(args[0])
			if len(entries) == 0 {
				return flagErrorf("%s is not in the statefulness catalog (%d artifacts judged; declare it under stateful-classes or stateless-classes in .uidcheck.yaml)",
					args[0], len(flinkapi.GeneratedArtifacts()))
			}
			printEntry(f, "", entries[0])
			if len(entries) > 1 {
				fmt.Fprintln(f.IO.Out, "\nBy release:")
				for _, e := range entries[1:] {
					printEntry(f, "  ", e)
				}
			}
			return nil
		},
	}
}

func printEntry(f *Factory, indent string, e flinkapi.CatalogEntry) {
	w := f.IO.Out
	name := e.Class
	if name == "" {
		name = e.Match
	}
	fmt.Fprintf(w, "%s%s: %s (%s)\n", indent, name, statefulText(e.Stateful), e.Role)
	fmt.Fprintf(w, "%s  why: %s\n", indent, e.Reason)
	if len(e.Parts) > 0 {
		fmt.Fprintf(w, "%s  Sink V2 parts: %s\n", indent, strings.Join(e.Parts, ", "))
	}
	if e.Returns != "" {
		fmt.Fprintf(w, "%s  creates: %s\n", indent, e.Returns)
	}
	switch e.Origin {
	case flinkapi.OriginBytecode:
		fmt.Fprintf(w, "%s  from the bytecode of: %s\n", indent, strings.Join(e.From, ", "))
	case flinkapi.OriginHandWritten:
		fmt.Fprintf(w, "%s  hand-written entry: %s\n", indent, e.Why)
	default:
		fmt.Fprintf(w, "%s  declared in %s\n", indent, e.Origin)
	}
}

func statefulText(s string) string {
	switch s {
	case "true":
		return "stateful"
	case "false":
		return "stateless"
	}
	return "unknown"
}
