package output

import "github.com/uidcheck/uidcheck/internal/report"

// RuleInfo is what the machine-readable formats say about a rule, whether
// or not it fired.
type RuleInfo struct {
	Name     string
	Title    string // one line
	Help     string // the rule's documentation
	URL      string
	Severity report.Severity
}
