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
		if op.UID.Unstable == "" || seen[op.UID.Pos] {
			continue
		}
		seen[op.UID.Pos] = true
		pass.Report(analysis.Diagnostic{
			Pos: op.UID.Pos, End: op.UID.End,
			Message: fmt.Sprintf("uid of %q is built from %s, which changes between runs; no restore from a savepoint will find this operator's state", op.Call, op.UID.Unstable),
		})
	}
	return nil, nil
}
