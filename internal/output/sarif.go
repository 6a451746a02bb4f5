package output

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/uidcheck/uidcheck/internal/report"
)

// SARIFOptions configure the SARIF printer.
type SARIFOptions struct {
	ToolVersion string
	// SrcRoot is the absolute directory that %SRCROOT% stands for; result
	// paths are written relative to it.
	SrcRoot string
	// Lines returns the given 1-based lines of a file (as for
	// report.AttachLineText), to convert byte columns to UTF-16 code units
	// as code-scanning UIs expect; nil keeps byte columns.
	Lines func(file string, lines []int) ([][]byte, error)
}

// Minimal SARIF 2.1.0 object model: only what uidcheck writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                      `json:"columnKind"`
		Results            []sarifResult               `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		Name                 string       `json:"name"`
		ShortDescription     sarifText    `json:"shortDescription"`
		FullDescription      sarifText    `json:"fullDescription"`
		Help                 sarifText    `json:"help"`
		HelpURI              string       `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleCfg `json:"defaultConfiguration"`
	}
	sarifRuleCfg struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	}
	sarifLocation struct {
		ID               int           `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

// sarifLevel maps severities deliberately: info findings (stateless
// operators without uid) are notes, which code-scanning UIs do not count as
// alerts.
func sarifLevel(s report.Severity) string {
	switch s {
	case report.SeverityError:
		return "error"
	case report.SeverityWarning:
		return "warning"
	case report.SeverityInfo:
	}
	return "note"
}

// WriteSARIF prints r as SARIF 2.1.0. Every rule appears in
// tool.driver.rules whether it fired or not, so that code-scanning UIs can
// show its help; results carry the diagnostic's fingerprint.
func WriteSARIF(w io.Writer, r *report.Result, rules []RuleInfo, opts SARIFOptions) error {
	driver := sarifDriver{Name: "uidcheck", InformationURI: "https://github.com/uidcheck/uidcheck", Version: opts.ToolVersion}
	index := map[string]int{}
	for i, ri := range rules {
		index[ri.Name] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: ri.Name, Name: ri.Name, ShortDescription: sarifText{ri.Title}, FullDescription: sarifText{ri.Title},
			Help: sarifText{ri.Help}, HelpURI: ri.URL, DefaultConfiguration: sarifRuleCfg{sarifLevel(ri.Severity)},
		})
	}
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "utf16CodeUnits", Results: []sarifResult{}}
	if opts.Lines == nil {
		run.ColumnKind = "unicodeCodePoints"
	}
	text := locationLines(r, opts.Lines)
	if opts.SrcRoot != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{"%SRCROOT%": {URI: fileURI(opts.SrcRoot) + "/"}}
	}
	for _, d := range r.Diagnostics {
		idx, ok := index[d.Rule]
		if !ok {
			return fmt.Errorf("write sarif: diagnostic of unknown rule %q", d.Rule)
		}
		res := sarifResult{
			RuleID: d.Rule, RuleIndex: idx, Level: sarifLevel(d.Severity), Message: sarifText{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: physical(d.File, d.Line, d.Column, d.EndLine, d.EndColumn, opts.SrcRoot, text)}},
		}
		if d.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{"uidcheck/v1": d.Fingerprint}
		}
		for i, rel := range d.Related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID: i + 1, PhysicalLocation: physical(rel.File, rel.Line, rel.Column, 0, 0, opts.SrcRoot, text), Message: &sarifText{rel.Message},
			})
		}
		run.Results = append(run.Results, res)
	}
	return writeIndented(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// locationLines reads, once per file, the lines that locations point at;
// nil when there is no reader.
func locationLines(r *report.Result, lines func(string, []int) ([][]byte, error)) map[string]map[int][]byte {
	if lines == nil {
		return nil
	}
	want := map[string][]int{}
	for _, d := range r.Diagnostics {
		want[d.File] = append(want[d.File], d.Line, d.EndLine)
		for _, rel := range d.Related {
			want[rel.File] = append(want[rel.File], rel.Line)
		}
	}
	out := map[string]map[int][]byte{}
	for file, ns := range want {
		got, err := lines(file, ns)
		if err != nil {
			continue // byte columns stay as they are
		}
		byLine := map[int][]byte{}
		for i, n := range ns {
			byLine[n] = got[i]
		}
		out[file] = byLine
	}
	return out
}

func physical(file string, line, col, endLine, endCol int, srcRoot string, text map[string]map[int][]byte) sarifPhysical {
	loc := sarifArtifactLoc{URI: filepath.ToSlash(file)}
	if srcRoot != "" {
		if abs, err := filepath.Abs(file); err == nil {
			if rel, err := filepath.Rel(srcRoot, abs); err == nil && !strings.HasPrefix(rel, "..") {
				loc = sarifArtifactLoc{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: "%SRCROOT%"}
			}
		}
	}
	reg := sarifRegion{StartLine: max(line, 1)}
	if col > 0 {
		reg.StartColumn = utf16Column(text[file][line], col)
	}
	if endLine >= line && endCol > 0 {
		reg.EndLine, reg.EndColumn = endLine, utf16Column(text[file][endLine], endCol)
	}
	return sarifPhysical{ArtifactLocation: loc, Region: reg}
}

// utf16Column converts a 1-based byte column of line to 1-based UTF-16 code
// units; without the line's text it keeps the byte column.
func utf16Column(line []byte, col int) int {
	if line == nil || col-1 > len(line) {
		return col
	}
	units := 1
	for b := line[:col-1]; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		b = b[size:]
	}
	return units
}

func fileURI(dir string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}).String()
}
