package main

import (
	"testing"

	"github.com/uidcheck/uidcheck/internal/report"
)

// TestEvaluateCollectAndUnstable checks the two rules issue 16 added: a collect
// sink is not expected as a missinguid finding, and unstableuid errors in the
// labelled files (only those) are counted.
func TestEvaluateCollectAndUnstable(t *testing.T) {
	t.Parallel()
	const job = "src/Job.java"
	r := repo{Repo: "o/r", LabelledFiles: []string{job}}
	labels := []label{
		{Repo: "o/r", File: job, Line: 3, Call: "fromSequence", Stateful: true, Reason: "splits"},
		{Repo: "o/r", File: job, Line: 4, Call: "executeAndCollect", Stateful: true, Reason: "collect sink"},
	}
	out := &report.Result{
		Operators: []report.Operator{
			{File: job, Line: 3, Column: 5, Call: "fromSequence", Stateful: report.StatefulYes},
			{File: job, Line: 4, Column: 5, Call: "executeAndCollect", Stateful: report.StatefulYes},
		},
		Diagnostics: []report.Diagnostic{
			{Rule: "missinguid", Severity: report.SeverityError, File: job, Line: 3, Column: 5},
			{Rule: "unstableuid", Severity: report.SeverityError, File: job, Line: 3, Column: 5, Message: "random"},
			{Rule: "unstableuid", Severity: report.SeverityInfo, File: job, Line: 4, Column: 5, Message: "configuration"},
			{Rule: "unstableuid", Severity: report.SeverityError, File: "src/Other.java", Line: 1, Column: 1, Message: "elsewhere"},
		},
	}
	c, _ := evaluate(r, labels, out, t.TempDir())
	if c.found != 2 || c.tp != 1 || c.fp != 0 || c.fn != 0 {
		t.Errorf("found %d, TP/FP/FN %d/%d/%d; want 2, 1/0/0 (no finding expected at the collect sink)", c.found, c.tp, c.fp, c.fn)
	}
	if c.unstableErrors != 1 {
		t.Errorf("unstableuid errors = %d, want 1 (the error in the labelled file)", c.unstableErrors)
	}
}
