//go:build e2e

package e2e

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/uidcheck/uidcheck/internal/output"
)

// flinkMetadata is what Flink's own loader (Checkpoints.loadCheckpointMetadata)
// read from a harness savepoint.
type flinkMetadata struct {
	CheckpointID int64 `json:"checkpoint_id"`
	Operators    []struct {
		OperatorID       string   `json:"operator_id"`
		Parallelism      int      `json:"parallelism"`
		MaxParallelism   int      `json:"max_parallelism"`
		CoordinatorState bool     `json:"coordinator_state"`
		FullyFinished    bool     `json:"fully_finished"`
		HasState         bool     `json:"has_state"`
		StateNames       []string `json:"state_names"`
	} `json:"operators"`
}

// TestSavepointsAgreeWithFlinksLoader decodes every savepoint the harness
// took with uidcheck and compares it, operator by operator, with what
// Flink's own metadata loader read from the same file.
func TestSavepointsAgreeWithFlinksLoader(t *testing.T) {
	files, ops := 0, 0
	for _, run := range scenarioRuns(t) {
		var o outcomeFile
		readJSON(t, filepath.Join(run, "outcome.json"), &o)
		var want flinkMetadata
		readJSON(t, filepath.Join(run, "metadata.json"), &want)
		var got output.SavepointReport
		if err := json.Unmarshal(uidcheck(t, "savepoint", "inspect", "--format", "json", o.Savepoint), &got); err != nil {
			t.Fatal(err)
		}
		files++
		if got.CheckpointID != want.CheckpointID || len(got.Operators) != len(want.Operators) {
			t.Errorf("flink %s %s: checkpoint %d with %d operators, Flink reads %d with %d",
				o.FlinkVersion, o.Scenario, got.CheckpointID, len(got.Operators), want.CheckpointID, len(want.Operators))
			continue
		}
		byID := map[string]output.SavepointOperator{}
		for _, op := range got.Operators {
			byID[op.OperatorID] = op
		}
		for _, w := range want.Operators {
			g, ok := byID[w.OperatorID]
			var names []string
			for _, s := range g.OperatorState {
				names = append(names, s.Name)
			}
			names = slices.Compact(names)
			if !ok || g.Parallelism != w.Parallelism || g.MaxParallelism != w.MaxParallelism || g.HasState != w.HasState ||
				(g.CoordinatorBytes != nil) != w.CoordinatorState || g.FullyFinished != w.FullyFinished || !slices.Equal(names, nonNilNames(w.StateNames)) {
				t.Errorf("flink %s %s: operator %s: uidcheck %+v, Flink %+v", o.FlinkVersion, o.Scenario, w.OperatorID, g, w)
				continue
			}
			ops++
		}
	}
	t.Logf("%d savepoints, %d operator entries agree with Flink's own metadata loader", files, ops)
}

func nonNilNames(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
