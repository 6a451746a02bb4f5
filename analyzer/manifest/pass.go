package manifest

import (
	"flag"
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

// Flags returns the flag set of a manifest rule: -manifest FILE.
func Flags(name string, path *string) flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(path, "manifest", "", "uid manifest (uids.lock) to compare the code with")
	return *fs
}

// Changes compares the manifest at path with the code of the pass. It
// returns nil without a manifest.
func Changes(pass *analysis.Pass, path string) ([]Change, map[string]*pipeline.Job, error) {
	if path == "" {
		return nil, nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read manifest: %w", err)
	}
	defer f.Close()
	old, err := Parse(path, f)
	if err != nil {
		return nil, nil, err
	}
	m := pipeline.Of(pass)
	jobs := map[string]*pipeline.Job{}
	for _, j := range m.Jobs {
		jobs[j.Name] = j
	}
	return Diff(old, FromModel(pass.Fset, m)), jobs, nil
}
