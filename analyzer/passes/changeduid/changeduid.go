package changeduid

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/manifest"
)

//go:embed doc.go
var doc string

// Analyzer reports operators whose uid is not the manifest's.
var Analyzer = &analysis.Analyzer{
	Name:     "changeduid",
	Doc:      analyzerdoc.MustExtract(doc, "changeduid"),
	URL:      analyzerdoc.URL("changeduid"),
	Requires: []*analysis.Analyzer{manifest.DiffAnalyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	cmp := manifest.Of(pass)
	for _, c := range cmp.Changes {
		if c.New == nil {
			continue
		}
		op := c.New.Op
		pass.Report(analysis.Diagnostic{
			Pos: op.UID.Pos, End: op.UID.End,
			Message: fmt.Sprintf("uid of %q changed from %q to %q since %s; savepoints taken before no longer map to it",
				op.Call, c.Old.UID, c.New.UID, cmp.Path),
		})
	}
	return nil, nil
}
