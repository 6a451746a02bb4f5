package cli

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"

	"github.com/uidcheck/uidcheck/analyzer/passes/changeduid"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/uidfix"
	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/atomicfile"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/report"
)

// fixPins maps an operator's position (file:line:column of its creating
// call) to the OperatorID it must keep: state for it is in the savepoint
// given to --fix --savepoint. blocked holds operators that must not get a
// first uid at all, with the reason.
type fixPins struct {
	pins    map[string]string
	blocked map[string]string
}

func posKey(file string, line, col int) string { return fmt.Sprintf("%s:%d:%d", file, line, col) }

// savepointPins decides, for --fix --savepoint, which operators about to
// get their first uid must keep their current OperatorID (the savepoint
// holds state under it) and which must not be fixed, because their current
// ID cannot be computed while the savepoint holds state no operator claims.
// It also returns a finding, with a setUidHash fix, for every operator
// whose uid changed while the savepoint holds its state under the old ID
// (compat's likely owners).
func savepointPins(ctx context.Context, f *Factory, path string, res *analysisResult) (*fixPins, []report.Diagnostic, error) {
	m, err := openSavepoint(ctx, f, path)
	if err != nil {
		return nil, nil, err
	}
	saved := compat.FromMetadata(m)
	model, ok := res.run.Results[pipeline.Analyzer].(*pipeline.Model)
	if !ok {
		return nil, nil, errors.New("the analysis produced no pipeline model")
	}
	var jobs []*compat.Job
	for _, j := range model.Jobs {
		jobs = append(jobs, compat.FromModel(res.run.Fset, j, 0))
	}
	if job, err := pickJob(jobs, "", saved); err == nil {
		jobs = []*compat.Job{job}
	}
	withState := map[string]bool{}
	for _, s := range saved {
		if s.HasState || s.CoordinatorState {
			withState[s.ID.String()] = true
		}
	}
	pins := &fixPins{pins: map[string]string{}, blocked: map[string]string{}}
	var renamed []report.Diagnostic
	for _, job := range jobs {
		pinFirstUIDs(pins, job, withState, path)
		d, err := renamedUIDs(res, model, job, saved, path)
		if err != nil {
			return nil, nil, err
		}
		renamed = append(renamed, d...)
	}
	return pins, renamed, nil
}

// pinFirstUIDs fills pins for the operators of job without a uid.
func pinFirstUIDs(pins *fixPins, job *compat.Job, withState map[string]bool, path string) {
	unclaimed := maps.Clone(withState)
	for _, op := range job.Operators {
		for _, id := range []*flinkid.OperatorID{op.ID, op.AltID} {
			if id != nil {
				delete(unclaimed, id.String())
			}
		}
	}
	for _, op := range job.Operators {
		if op.Pinned || op.AltID != nil {
			continue
		}
		key := posKey(op.File, op.Line, op.Column)
		switch {
		case op.ID == nil && len(unclaimed) > 0:
			pins.blocked[key] = fmt.Sprintf("not fixed: its current OperatorID cannot be computed (the job graph is not fully understood), "+
				"and %s holds state under %d ID(s) that no operator of the job claims, which may be this operator's; "+
				"find its ID with `uidcheck savepoint inspect %s --src DIR` and add .setUidHash(\"<ID>\") with the uid", path, len(unclaimed), path)
		case op.ID == nil || !withState[op.ID.String()]:
		case op.SubOperator != "":
			pins.blocked[key] = fmt.Sprintf("not fixed: %s holds state of this sink's %s under %s; a sinkTo sink keeps it through "+
				"sinkTo(sink, CustomSinkOperatorUidHashes.builder()…) with that hash, which --fix does not write", path, op.SubOperator, op.ID)
		default:
			pins.pins[key] = op.ID.String()
		}
	}
}

// renamedUIDs reports the operators compat names as the likely owners of
// savepoint state under another ID, with setUidHash of that ID as the fix.
func renamedUIDs(res *analysisResult, model *pipeline.Model, job *compat.Job, saved []compat.Saved, path string) ([]report.Diagnostic, error) {
	byPos := map[string]*pipeline.Operator{}
	for _, op := range model.Operators {
		p := res.run.Fset.Position(op.Pos)
		byPos[posKey(p.Filename, p.Line, p.Column)] = op
	}
	var out []report.Diagnostic
	for _, ne := range compat.Predict(job, saved, compat.Options{SavepointPath: path}).New {
		op := byPos[posKey(ne.Op.File, ne.Op.Line, ne.Op.Column)]
		if ne.LikelyState == nil || op == nil || op.UID.State == pipeline.UIDNone || op.Call == "sinkTo" {
			continue
		}
		hash := ne.LikelyState.String()
		d := report.Diagnostic{
			Rule: changeduid.Analyzer.Name, Category: "savepoint", Severity: report.SeverityError,
			File: ne.Op.File, Line: ne.Op.Line, Column: ne.Op.Column, EndLine: ne.Op.Line, EndColumn: ne.Op.Column + len(ne.Op.Call),
			Message: fmt.Sprintf("%s holds state under %s that no operator claims, and this operator (uid %q) matches no savepoint entry: "+
				"it is likely the same operator under a previous uid, and resuming fails (or drops the state with -n); .setUidHash(%q) keeps it",
				path, hash, op.UID.Value, hash),
		}
		uidEnd := res.run.Fset.Position(op.UID.End)
		src, err := os.ReadFile(uidEnd.Filename)
		if err != nil {
			return nil, fmt.Errorf("fix %s: %w", uidEnd.Filename, err)
		}
		if !res.run.Unchanged(uidEnd.Filename, src) {
			return nil, fmt.Errorf("fix %s: %w during the run; run uidcheck again", uidEnd.Filename, atomicfile.ErrChanged)
		}
		plan, err := uidfix.PlanPin(src, uidEnd.Offset, hash)
		if err != nil {
			return nil, fmt.Errorf("fix %s: %w", uidEnd.Filename, err)
		}
		if plan.Reason != "" {
			d.FixNote = "not fixed: " + plan.Reason
		} else {
			fix := report.Fix{Message: fmt.Sprintf("Pin the saved ID with .setUidHash(%q)", hash)}
			for _, e := range plan.Edits {
				fix.Edits = append(fix.Edits, report.Edit{File: uidEnd.Filename, Offset: e.Offset, End: e.End, NewText: e.NewText})
			}
			d.Fixes = []report.Fix{fix}
		}
		out = append(out, d)
	}
	return out, nil
}
