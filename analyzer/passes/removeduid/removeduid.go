package removeduid

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

// Analyzer reports stateful uids of the manifest that the code lost.
var Analyzer = &analysis.Analyzer{
	Name:     "removeduid",
	Doc:      analyzerdoc.MustExtract(doc, "removeduid"),
	URL:      analyzerdoc.URL("removeduid"),
	Requires: []*analysis.Analyzer{pipeline.Analyzer},
	Flags:    manifest.Flags("removeduid", &manifestPath),
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	changes, jobs, err := manifest.Changes(pass, manifestPath)
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		if c.New != nil || c.Old.Stateful == "stateless" {
			continue
		}
		job := jobs[c.Job]
		pass.Report(analysis.Diagnostic{
			Pos: job.Pos,
			Message: fmt.Sprintf("%s uid %q (%s at %s:%d in %s) is gone from job %s; its savepoint state would belong to no operator",
				c.Old.Stateful, c.Old.UID, c.Old.Call, c.Old.File, c.Old.Line, manifestPath, c.Job),
		})
	}
	return nil, nil
}
