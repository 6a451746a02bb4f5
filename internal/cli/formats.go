package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/rules"
	"github.com/uidcheck/uidcheck/internal/atomicfile"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/graph"
	"github.com/uidcheck/uidcheck/internal/output"
	"github.com/uidcheck/uidcheck/internal/report"
)

// checkFormats are the values of check's --format.
var checkFormats = []string{"text", "json", "sarif", "github", "checkstyle", "markdown"}

// formatSpec is one --format value: a format, and the file it goes to ("" =
// standard output, or --output).
type formatSpec struct{ name, path string }

// parseFormats reads --format values such as "text" or "sarif=report.sarif".
// At most one format may go to standard output; --output redirects it.
func parseFormats(values []string, outputFile string) ([]formatSpec, error) {
	var specs []formatSpec
	toStdout := 0
	for _, v := range values {
		name, path, _ := strings.Cut(v, "=")
		known := false
		for _, f := range checkFormats {
			known = known || f == name
		}
		if !known {
			return nil, flagErrorf("invalid --format %q: want one of %s, optionally =FILE", v, strings.Join(checkFormats, ", "))
		}
		if path == "" {
			toStdout++
			path = outputFile
		}
		specs = append(specs, formatSpec{name: name, path: path})
	}
	if toStdout > 1 {
		return nil, flagErrorf("only one --format can go to standard output; give the others a file: --format sarif=report.sarif")
	}
	return specs, nil
}

// writeReports prints the result in every requested format.
func writeReports(f *Factory, specs []formatSpec, res *analysisResult) error {
	for _, spec := range specs {
		var buf bytes.Buffer
		if err := writeFormat(f, &buf, spec, res); err != nil {
			return err
		}
		if spec.path == "" {
			if _, err := f.IO.Out.Write(buf.Bytes()); err != nil {
				return err
			}
			continue
		}
		if err := atomicfile.Write(spec.path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s report: %w", spec.name, err)
		}
	}
	return nil
}

func writeFormat(f *Factory, w io.Writer, spec formatSpec, res *analysisResult) error {
	switch spec.name {
	case "json":
		return output.WriteJSON(w, res.report)
	case "sarif":
		root, err := os.Getwd()
		if err != nil {
			return err
		}
		return output.WriteSARIF(w, res.report, ruleInfos(), output.SARIFOptions{SrcRoot: root, Lines: res.run.Lines})
	case "github":
		return output.WriteGitHub(w, res.report)
	case "checkstyle":
		return output.WriteCheckstyle(w, res.report)
	case "markdown":
		root, err := os.Getwd()
		if err != nil {
			return err
		}
		return output.WriteCheckMarkdown(w, res.report, modelGraph(res), output.MarkdownOptions{Links: output.LinksFromEnv(f.IO.Getenv, root)})
	}
	style := output.Styler(output.Plain{})
	if spec.path == "" {
		style = f.OutScheme()
	}
	return output.WriteText(w, res.report, output.TextOptions{Style: style})
}

// modelGraph draws every analysed job for the Markdown report; nil when
// the pipeline model was not computed.
func modelGraph(res *analysisResult) *graph.Graph {
	m, ok := res.run.Results[pipeline.Analyzer].(*pipeline.Model)
	if !ok {
		return nil
	}
	g := &graph.Graph{}
	for _, j := range m.Jobs {
		g.Jobs = append(g.Jobs, graph.Build(compat.FromModel(res.run.Fset, j, 0), nil))
	}
	return g
}

// ruleInfos describes every rule, and the syntax and directive
// pseudo-rules, for SARIF.
func ruleInfos() []output.RuleInfo {
	all := append(rules.All(), rules.Syntax, rules.Directive)
	infos := make([]output.RuleInfo, 0, len(all))
	for _, r := range all {
		name := r.Name()
		if r.Analyzer == rules.Syntax.Analyzer {
			name = rules.SyntaxName
		}
		infos = append(infos, output.RuleInfo{
			Name: name, Title: analyzerdoc.Title(r.Analyzer.Doc), Help: r.Analyzer.Doc,
			URL: r.Analyzer.URL, Severity: report.Severity(r.Severity),
		})
	}
	return infos
}
