// Package rules is the list of uidcheck's rules with the metadata that
// go/analysis deliberately leaves out of an Analyzer: severity, the release
// that introduced the rule, and whether it runs by default.
package rules

import (
	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/passes/changeduid"
	"github.com/uidcheck/uidcheck/analyzer/passes/duplicateuid"
	"github.com/uidcheck/uidcheck/analyzer/passes/missinguid"
	"github.com/uidcheck/uidcheck/analyzer/passes/removeduid"
	"github.com/uidcheck/uidcheck/analyzer/passes/uidformat"
	"github.com/uidcheck/uidcheck/analyzer/passes/unstableuid"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

// Severity ranks a rule's findings; --fail-on decides which fail the run.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Rule pairs an analyzer with the metadata that go/analysis leaves out.
type Rule struct {
	Analyzer *analysis.Analyzer
	// Severity of the rule's findings, unless their Category is listed in
	// Categories.
	Severity Severity
	// Categories gives sub-kinds of findings their own severity.
	Categories map[string]Severity
	// Since is the first release with this rule, or "unreleased".
	Since string
	// Default rules run without --enable.
	Default bool
}

// Name is the rule's name, the analyzer's.
func (r Rule) Name() string { return r.Analyzer.Name }

// SeverityOf returns the severity of a finding in the given category.
func (r Rule) SeverityOf(category string) Severity {
	if s, ok := r.Categories[category]; ok {
		return s
	}
	return r.Severity
}

// All returns every rule, in the order `uidcheck rules` lists them. The
// slice is fresh on each call.
func All() []Rule {
	return []Rule{
		{Analyzer: missinguid.Analyzer, Severity: SeverityError, Since: "v0.1.0", Default: true, Categories: map[string]Severity{
			missinguid.CategoryStateful:  SeverityError,
			missinguid.CategoryUnknown:   SeverityWarning,
			missinguid.CategoryStateless: SeverityInfo,
		}},
		{Analyzer: duplicateuid.Analyzer, Severity: SeverityError, Since: "v0.1.0", Default: true},
		{Analyzer: unstableuid.Analyzer, Severity: SeverityError, Since: "v0.1.0", Default: true, Categories: map[string]Severity{
			unstableuid.CategoryConfigured: SeverityInfo,
		}},
		{Analyzer: uidformat.Analyzer, Severity: SeverityWarning, Since: "unreleased", Default: true},
		{Analyzer: removeduid.Analyzer, Severity: SeverityError, Since: "unreleased", Default: true},
		{Analyzer: changeduid.Analyzer, Severity: SeverityError, Since: "unreleased", Default: true},
	}
}

// Syntax is the pseudo-rule under which the base analyzer, pipeline,
// reports files it could not fully read. A syntax error is a warning: the
// rest of the file and every other file are still analysed, and
// tree-sitter's Java grammar may lag behind the newest Java syntax.
var Syntax = Rule{Analyzer: pipeline.Analyzer, Severity: SeverityWarning, Since: "v0.1.0", Default: true}

// SyntaxName is the rule name shown for syntax diagnostics.
const SyntaxName = "syntax"

// Directive is the pseudo-rule of malformed or unused suppression
// directives (// uidcheck:ignore missinguid <reason>). Its analyzer runs no
// code: the suppression step after the analysis reports these findings.
var Directive = Rule{Analyzer: &analysis.Analyzer{
	Name: "directive",
	Doc:  "report malformed or unused uidcheck:ignore directives",
	URL:  "https://github.com/uidcheck/uidcheck/blob/main/docs/configuration.md#suppressing-findings",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}, Severity: SeverityWarning, Since: "v0.1.0", Default: true}

// Lookup finds the rule of an analyzer. Diagnostics of the base analyzer,
// pipeline, belong to the syntax pseudo-rule.
func Lookup(a *analysis.Analyzer) (Rule, bool) {
	if a == pipeline.Analyzer {
		return Syntax, true
	}
	if a == Directive.Analyzer {
		return Directive, true
	}
	for _, r := range All() {
		if r.Analyzer == a {
			return r, true
		}
	}
	return Rule{}, false
}
