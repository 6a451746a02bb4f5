package cli

import (
	"context"
	"errors"
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/driver"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/rules"
	"github.com/uidcheck/uidcheck/analyzer/settings"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/output"
)

// sourceJobs analyses the Java sources under paths and returns each job as
// compat sees it: operators with the IDs Flink will give them. parallelism
// is -p (0 when unknown); it decides chaining and so auto-generated IDs.
// Test jobs are left out unless includeTests is set.
func sourceJobs(ctx context.Context, f *Factory, paths []string, parallelism int, includeTests bool) ([]*compat.Job, error) {
	fset, m, err := pipelineModel(ctx, f, sourceOptions{paths: paths, includeTests: includeTests, states: true})
	if err != nil {
		return nil, err
	}
	jobs := make([]*compat.Job, 0, len(m.Jobs))
	for _, j := range m.Jobs {
		jobs = append(jobs, compat.FromModel(fset, j, parallelism))
	}
	return jobs, nil
}

// sourceOptions say which sources a command models and how strictly.
type sourceOptions struct {
	paths      []string
	allowEmpty bool
	// strict fails the command when part of a file could not be analysed
	// (a syntax error, a file over the parse limit, a statement nested too
	// deep); otherwise that is a warning.
	strict bool
	// includeTests keeps test jobs in the model.
	includeTests bool
	// states infers the operators' state descriptors (settings.States),
	// for the commands that compare them with a savepoint.
	states bool
}

// pipelineModel analyses the sources under paths for their pipeline model
// only; a file that cannot be read fails the command. Test jobs are left
// out unless o.includeTests is set.
func pipelineModel(ctx context.Context, f *Factory, o sourceOptions) (*token.FileSet, *pipeline.Model, error) {
	s := settings.Default()
	s.IncludeTests = o.includeTests
	s.States = o.states
	res, err := analyze(ctx, f, analyzeOptions{paths: o.paths, maxFileSize: driver.DefaultMaxFileSize, allowEmpty: o.allowEmpty, settings: s}, []*analysis.Analyzer{pipeline.Analyzer})
	if err != nil {
		return nil, nil, err
	}
	if err := res.fileErr(); err != nil {
		return nil, nil, err
	}
	if err := res.incomplete(f, o.strict); err != nil {
		return nil, nil, err
	}
	m, ok := res.run.Results[pipeline.Analyzer].(*pipeline.Model)
	if !ok {
		return nil, nil, errors.New("internal error: no pipeline model")
	}
	return res.run.Fset, m, nil
}

// sourceIndex maps hex OperatorIDs to the source operators that carry them,
// by uid, setUidHash, or a predicted auto-generated ID.
func sourceIndex(jobs []*compat.Job) map[string][]output.SourceOperator {
	idx := map[string][]output.SourceOperator{}
	add := func(id string, op *compat.Operator, match compat.MatchKind) {
		idx[id] = append(idx[id], output.SourceOperator{
			File: op.File, Line: op.Line, Call: callName(op), Job: op.Job, UID: op.UID, Match: string(match),
		})
	}
	for _, j := range jobs {
		for _, op := range j.Operators {
			if op.ID != nil {
				kind := compat.MatchAutoHash
				if op.Pinned {
					kind = compat.MatchUID
				}
				add(op.ID.String(), op, kind)
			}
			if op.AltID != nil {
				add(op.AltID.String(), op, compat.MatchUIDHash)
			}
		}
	}
	return idx
}

// callName is the creating call, with the Sink V2 part when there is one.
func callName(op *compat.Operator) string {
	if op.SubOperator != "" {
		return op.Call + " (" + op.SubOperator + ")"
	}
	return op.Call
}

// incomplete prints, as warnings, the places the analysis could not read
// (syntax errors, files over the parse limit, statements nested too deep):
// commands that print no diagnostics would otherwise leave those operators
// out without a word. With strict it fails the command after printing them.
func (r *analysisResult) incomplete(f *Factory, strict bool) error {
	var n int
	for _, d := range r.report.Diagnostics {
		if d.Rule != rules.SyntaxName {
			continue
		}
		n++
		fmt.Fprintf(f.IO.ErrOut, "uidcheck: warning: %s:%d:%d: %s\n", d.File, d.Line, d.Column, d.Message)
	}
	if n == 0 || !strict {
		return nil
	}
	what := "1 place was"
	if n > 1 {
		what = fmt.Sprintf("%d places were", n)
	}
	return fmt.Errorf("%s not analysed, so operators may be missing (--keep-going continues with warnings)", what)
}
