package removeduid

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/manifest"
)

//go:embed doc.go
var doc string

// Analyzer reports stateful uids of the manifest that the code lost.
var Analyzer = &analysis.Analyzer{
	Name:     "removeduid",
	Doc:      analyzerdoc.MustExtract(doc, "removeduid"),
	URL:      analyzerdoc.URL("removeduid"),
	Requires: []*analysis.Analyzer{manifest.DiffAnalyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	cmp := manifest.Of(pass)
	for _, c := range cmp.Changes {
		if c.New != nil || c.Old.Stateful == "stateless" {
			continue
		}
		job := cmp.Jobs[c.Job]
		pass.Report(analysis.Diagnostic{
			Pos: job.Pos,
			Message: fmt.Sprintf("%s uid %q (%s at %s:%d in %s) is gone from job %s; its savepoint state would belong to no operator",
				c.Old.Stateful, c.Old.UID, c.Old.Call, c.Old.File, c.Old.Line, cmp.Path, c.Job),
		})
	}
	return nil, nil
}
