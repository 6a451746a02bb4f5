package uidformat

import (
	_ "embed"
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/settings"
)

//go:embed doc.go
var doc string

// Analyzer reports uids that do not match the configured pattern.
var Analyzer = &analysis.Analyzer{
	Name:     "uidformat",
	Doc:      analyzerdoc.MustExtract(doc, "uidformat"),
	URL:      analyzerdoc.URL("uidformat"),
	Requires: []*analysis.Analyzer{pipeline.Analyzer, settings.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	re := settings.Of(pass).UIDPattern
	if re == nil {
		return nil, nil
	}
	seen := make(map[token.Pos]bool)
	for _, op := range pipeline.Of(pass).Operators {
		if op.UID.State != pipeline.UIDResolved || seen[op.UID.Pos] || re.MatchString(op.UID.Value) {
			continue
		}
		seen[op.UID.Pos] = true
		pass.Report(analysis.Diagnostic{
			Pos: op.UID.Pos, End: op.UID.End,
			Message: fmt.Sprintf("uid %q of %q does not match the pattern %s", op.UID.Value, op.Call, re),
		})
	}
	return nil, nil
}
