package unstableuid

import (
	_ "embed"
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

//go:embed doc.go
var doc string

// CategoryConfigured marks uids that depend on configuration: stable across
// submissions given the same configuration, so the rule table reports them
// at info, not as errors.
const CategoryConfigured = "configured"

// Analyzer reports uids that differ from run to run.
var Analyzer = &analysis.Analyzer{
	Name:     "unstableuid",
	Doc:      analyzerdoc.MustExtract(doc, "unstableuid"),
	URL:      analyzerdoc.URL("unstableuid"),
	Requires: []*analysis.Analyzer{pipeline.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	seen := make(map[token.Pos]bool)
	for _, op := range pipeline.Of(pass).Operators {
		u := op.UID
		if u.Unstable == "" && u.Configured == "" || seen[u.Pos] {
			continue
		}
		seen[u.Pos] = true
		if u.Unstable != "" {
			pass.Report(analysis.Diagnostic{
				Pos: u.Pos, End: u.End,
				Message: fmt.Sprintf("uid of %q is built from %s, which changes between runs; no restore from a savepoint will find this operator's state", op.Call, u.Unstable),
			})
			continue
		}
		source := u.Configured
		if u.Expr != source {
			source = u.Expr + ", from " + source
		}
		pass.Report(analysis.Diagnostic{
			Pos: u.Pos, End: u.End, Category: CategoryConfigured,
			Message: fmt.Sprintf("uid of %q depends on configuration (%s); it matches a savepoint only when the job is submitted with the same configuration", op.Call, source),
		})
	}
	return nil, nil
}
