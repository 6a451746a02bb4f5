package processors

import (
	"path/filepath"

	"github.com/uidcheck/uidcheck/internal/baseline"
	"github.com/uidcheck/uidcheck/internal/config"
	"github.com/uidcheck/uidcheck/internal/report"
)

// Config drops findings of rules the configuration turns off and of files
// it excludes, and applies its severity overrides.
type Config struct{ C *config.Config }

// Name implements Processor.
func (Config) Name() string { return "config" }

// Process implements Processor.
func (p Config) Process(ds []report.Diagnostic) ([]report.Diagnostic, error) {
	if p.C == nil {
		return ds, nil
	}
	kept := ds[:0]
	for _, d := range ds {
		sev, override := p.C.Rules[d.Rule]
		switch {
		case sev == config.Off, !p.C.Selects(d.File):
			continue
		case override:
			d.Severity = report.Severity(sev)
		}
		kept = append(kept, d)
	}
	return kept, nil
}

// ChangedFiles keeps the findings in the given files (absolute paths), for
// --changed-since: the whole tree is analysed, since a change in one file
// can move IDs in another, but only what the change touched is reported.
type ChangedFiles struct{ Changed map[string]bool }

// Name implements Processor.
func (ChangedFiles) Name() string { return "changed-since" }

// Process implements Processor.
func (p ChangedFiles) Process(ds []report.Diagnostic) ([]report.Diagnostic, error) {
	kept := ds[:0]
	for _, d := range ds {
		if abs, err := filepath.Abs(d.File); err == nil && p.Changed[abs] {
			kept = append(kept, d)
		}
	}
	return kept, nil
}

// LineText attaches each finding's source line (report.AttachLineText),
// which fingerprints and snippets read.
type LineText struct {
	Lines func(file string, lines []int) ([][]byte, error)
}

// Name implements Processor.
func (LineText) Name() string { return "line-text" }

// Process implements Processor.
func (p LineText) Process(ds []report.Diagnostic) ([]report.Diagnostic, error) {
	report.AttachLineText(ds, p.Lines)
	return ds, nil
}

// Fingerprints gives each finding its fingerprint (report.AssignFingerprints).
type Fingerprints struct{}

// Name implements Processor.
func (Fingerprints) Name() string { return "fingerprints" }

// Process implements Processor.
func (Fingerprints) Process(ds []report.Diagnostic) ([]report.Diagnostic, error) {
	report.AssignFingerprints(ds)
	return ds, nil
}

// Baseline drops the findings a baseline file accepts and hands its stale
// entries to Stale.
type Baseline struct {
	File  *baseline.File
	Stale func(baseline.Entry)
}

// Name implements Processor.
func (Baseline) Name() string { return "baseline" }

// Process implements Processor.
func (p Baseline) Process(ds []report.Diagnostic) ([]report.Diagnostic, error) {
	fresh, stale := p.File.Filter(ds)
	for _, e := range stale {
		p.Stale(e)
	}
	return fresh, nil
}
