// Package baseline records the findings a project already has, so that
// adopting uidcheck on a large codebase fails only on new findings.
//
// A baseline file is JSON, sorted and deterministic, one entry per finding,
// keyed by the finding's fingerprint (report.AssignFingerprints), which
// survives unrelated edits such as lines moving.
package baseline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/uidcheck/uidcheck/internal/atomicfile"
	"github.com/uidcheck/uidcheck/internal/report"
)

// Version is the baseline file format version.
const Version = 1

// File is a baseline.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding. Rule, File and Message are for people
// reading the file and reviewing its diffs; matching uses Fingerprint.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Message     string `json:"message"`
}

// New builds a baseline from findings that carry fingerprints.
func New(diags []report.Diagnostic) *File {
	f := &File{Version: Version, Findings: make([]Entry, 0, len(diags))}
	for _, d := range diags {
		f.Findings = append(f.Findings, Entry{Fingerprint: d.Fingerprint, Rule: d.Rule, File: d.File, Message: d.Message})
	}
	sort.Slice(f.Findings, func(i, j int) bool {
		a, b := f.Findings[i], f.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Fingerprint < b.Fingerprint
	})
	return f
}

// Write saves the baseline.
func (f *File) Write(path string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	if err := atomicfile.Write(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// Load reads a baseline file.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", path, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("read baseline %s: version %d, want %d", path, f.Version, Version)
	}
	return &f, nil
}

// Filter removes the findings the baseline accepts and returns the rest,
// with the baseline entries that matched nothing (fixed findings, or code
// that changed so much that the finding is new).
func (f *File) Filter(diags []report.Diagnostic) (fresh []report.Diagnostic, stale []Entry) {
	known := map[string]int{}
	for _, e := range f.Findings {
		known[e.Fingerprint]++
	}
	for _, d := range diags {
		if known[d.Fingerprint] > 0 {
			known[d.Fingerprint]--
			continue
		}
		fresh = append(fresh, d)
	}
	for _, e := range f.Findings {
		if known[e.Fingerprint] > 0 {
			known[e.Fingerprint]--
			stale = append(stale, e)
		}
	}
	return fresh, stale
}
