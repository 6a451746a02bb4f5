package output

import (
	"fmt"

	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/report"
)

// Rules of compat's SARIF report: each names what Flink will do.
var compatRules = []RuleInfo{
	{
		Name: "restorefails", Title: "the resume from the savepoint fails", Severity: report.SeverityError,
		Help: "Flink refuses to start the job from this savepoint: state that maps to no operator, a changed explicit max parallelism, a parallelism above the saved max parallelism, or a duplicate uid.",
	},
	{
		Name: "statedropped", Title: "the resume drops state (--allowNonRestoredState)", Severity: report.SeverityError,
		Help: "With --allowNonRestoredState Flink skips savepoint state that maps to no operator: the state is lost.",
	},
	{
		Name: "restoreunknown", Title: "the resume cannot be predicted", Severity: report.SeverityWarning,
		Help: "An operator without uid might own savepoint state, and its auto-generated ID cannot be computed from the sources.",
	},
	{
		Name: "statelost", Title: "saved state is read by nothing", Severity: report.SeverityWarning,
		Help: "The savepoint holds a state that no state descriptor of the new code registers (a renamed or removed descriptor): Flink restores without error and the state is never read again.",
	},
	{
		Name: "statenew", Title: "a state starts empty", Severity: report.SeverityInfo,
		Help: "The new code registers a state the savepoint does not hold: it starts empty. Intended for new state; a renamed descriptor otherwise.",
	},
	{
		Name: "stateunchecked", Title: "a state's compatibility was not checked", Severity: report.SeverityInfo,
		Help: "The state's type, key or registration could not be inferred from the sources, or its saved description not decoded: whether Flink restores it was not checked.",
	},
	{
		Name: "startsempty", Title: "a stateful operator starts with empty state", Severity: report.SeverityInfo,
		Help: "No savepoint entry maps to this stateful operator: it starts empty. Intended for a new operator; a renamed uid otherwise.",
	},
}

// CompatRules describes compat's SARIF rules.
func CompatRules() []RuleInfo { return compatRules }

// CompatDiagnostics turns a prediction into findings for SARIF: each at the
// operator concerned, or at the job's entry point when the operator is gone.
func CompatDiagnostics(res *compat.Result, job *compat.Job) []report.Diagnostic {
	var out []report.Diagnostic
	at := func(rule string, sev report.Severity, op *compat.Operator, msg string) {
		d := report.Diagnostic{Rule: rule, Severity: sev, File: job.File, Line: job.Line, Message: msg}
		if op != nil {
			d.File, d.Line, d.Column = op.File, op.Line, op.Column
		}
		out = append(out, d)
	}
	for i, op := range res.Duplicates {
		at("restorefails", report.SeverityError, op, res.Failures[i])
	}
	for _, e := range res.Entries {
		stateFailed := stateDiagnostics(e, at)
		switch e.Outcome {
		case compat.OutcomeFails:
			if !stateFailed {
				at("restorefails", report.SeverityError, e.Match, e.Reason)
			}
		case compat.OutcomeDropped:
			at("statedropped", report.SeverityError, e.Match, fmt.Sprintf("savepoint entry %s: %s", e.Saved.ID, e.Reason))
		case compat.OutcomeUnknown:
			at("restoreunknown", report.SeverityWarning, e.Match, e.Reason)
		case compat.OutcomeRestored, compat.OutcomeSkipped:
		}
	}
	for _, ne := range res.New {
		if ne.Outcome == compat.NewStartEmpty {
			at("startsempty", report.SeverityInfo, ne.Op,
				fmt.Sprintf("stateful operator %s matches no savepoint entry and starts with empty state%s", ne.Op.Call, candidates(idStrings(ne))))
		}
	}
	return out
}

func idStrings(ne compat.NewEntry) []string {
	out := make([]string, 0, len(ne.Candidates))
	for _, c := range ne.Candidates {
		out = append(out, c.String())
	}
	return out
}

// stateDiagnostics adds the findings of an entry's states and reports
// whether one of them fails (the entry's failure is then that state's).
func stateDiagnostics(e compat.Entry, at func(rule string, sev report.Severity, op *compat.Operator, msg string)) bool {
	failed := false
	for _, f := range e.States {
		what := fmt.Sprintf("state %q", f.Name)
		if f.Name == "" {
			what = "key serializer"
		}
		switch f.Outcome {
		case compat.StateFails:
			failed = true
			at("restorefails", report.SeverityError, e.Match, fmt.Sprintf("%s: %s", what, f.Message))
		case compat.StateDropped:
			at("statelost", report.SeverityWarning, e.Match, fmt.Sprintf("%s: %s", what, f.Message))
		case compat.StateNew:
			at("statenew", report.SeverityInfo, e.Match, f.Message)
		case compat.StateUnchecked:
			at("stateunchecked", report.SeverityInfo, e.Match, fmt.Sprintf("%s not checked: %s", what, f.Message))
		case compat.StateCompatible, compat.StateMigrated:
		}
	}
	return failed
}
