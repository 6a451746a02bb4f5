package changeduid

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/manifest"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

//go:embed doc.go
var doc string

var manifestPath string

// Analyzer reports operators whose uid is not the manifest's.
var Analyzer = &analysis.Analyzer{
	Name:     "changeduid",
	Doc:      analyzerdoc.MustExtract(doc, "changeduid"),
	URL:      analyzerdoc.URL("changeduid"),
	Requires: []*analysis.Analyzer{pipeline.Analyzer},
	Flags:    manifest.Flags("changeduid", &manifestPath),
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	changes, _, err := manifest.Changes(pass, manifestPath)
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		if c.New == nil {
			continue
		}
		op := c.New.Op
		pass.Report(analysis.Diagnostic{
			Pos: op.UID.Pos, End: op.UID.End,
			Message: fmt.Sprintf("uid of %q changed from %q to %q since %s; savepoints taken before no longer map to it",
				op.Call, c.Old.UID, c.New.UID, manifestPath),
		})
	}
	return nil, nil
}
