// Package processors turns the raw findings of an analysis into the
// report, in an ordered chain of steps (like golangci-lint's processors):
// suppression directives, configuration, changed files, source lines,
// fingerprints, the baseline. The driver only loads files and runs
// analyzers; each command chooses the steps it needs, in this package's
// order.
package processors

import (
	"fmt"

	"github.com/uidcheck/uidcheck/internal/report"
)

// Processor is one step of the chain.
type Processor interface {
	// Name says what the step does, for errors.
	Name() string
	// Process returns the findings that go on to the next step. It may
	// change them, drop them or add new ones.
	Process(ds []report.Diagnostic) ([]report.Diagnostic, error)
}

// Run passes ds through each processor in turn.
func Run(ds []report.Diagnostic, chain ...Processor) ([]report.Diagnostic, error) {
	for _, p := range chain {
		var err error
		if ds, err = p.Process(ds); err != nil {
			return nil, fmt.Errorf("%s: %w", p.Name(), err)
		}
	}
	return ds, nil
}

// Tap keeps a copy of the findings at its place in the chain: --fix plans
// edits for every finding the configuration keeps, before --changed-since
// and the baseline narrow what is reported.
type Tap struct{ Into *[]report.Diagnostic }

// Name implements Processor.
func (Tap) Name() string { return "tap" }

// Process implements Processor.
func (t Tap) Process(ds []report.Diagnostic) ([]report.Diagnostic, error) {
	*t.Into = append([]report.Diagnostic(nil), ds...)
	return ds, nil
}
