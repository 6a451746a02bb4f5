package manifest

import (
	"fmt"
	"os"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/settings"
)

// Comparison is the code compared with the uid manifest of the run
// (settings.Manifest): read and diffed once, for changeduid and removeduid.
type Comparison struct {
	// Path is the manifest file; "" when the run has none.
	Path    string
	Changes []Change
	// Jobs are the code's jobs by name.
	Jobs map[string]*pipeline.Job
}

// DiffAnalyzer compares the code with the uid manifest. It reports nothing.
var DiffAnalyzer = &analysis.Analyzer{
	Name:       "manifestdiff",
	Doc:        "compare the code's uids with the uid manifest",
	Requires:   []*analysis.Analyzer{pipeline.Analyzer, settings.Analyzer},
	ResultType: reflect.TypeFor[*Comparison](),
	Run:        runDiff,
}

// Of returns the comparison for a pass whose analyzer requires
// DiffAnalyzer; an empty one if it does not.
func Of(pass *analysis.Pass) *Comparison {
	if c, ok := pass.ResultOf[DiffAnalyzer].(*Comparison); ok {
		return c
	}
	return &Comparison{}
}

func runDiff(pass *analysis.Pass) (any, error) {
	path := settings.Of(pass).Manifest
	if path == "" {
		return &Comparison{}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	defer f.Close()
	old, err := Parse(path, f)
	if err != nil {
		return nil, err
	}
	m := pipeline.Of(pass)
	jobs := map[string]*pipeline.Job{}
	for _, j := range m.Jobs {
		jobs[j.Name] = j
	}
	return &Comparison{Path: path, Changes: Diff(old, FromModel(pass.Fset, m)), Jobs: jobs}, nil
}
