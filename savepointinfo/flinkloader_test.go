package savepointinfo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestAgreesWithFlinkLoader decodes savepoints written by the project's
// real-Flink harness (Flink 1.20.5 and 2.3.0) and compares each operator with
// what Flink's own Checkpoints.loadCheckpointMetadata read from the same
// file, recorded next to it as flink-loader.json.
func TestAgreesWithFlinkLoader(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob(filepath.Join(localFixtures, "harness-*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no harness savepoints in %s: %v", localFixtures, err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join(dir, "flink-loader.json"))
			if err != nil {
				t.Fatal(err)
			}
			var want struct {
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
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			m, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if m.CheckpointID != want.CheckpointID || len(m.Operators) != len(want.Operators) {
				t.Fatalf("checkpoint %d with %d operators, Flink read %d with %d", m.CheckpointID, len(m.Operators), want.CheckpointID, len(want.Operators))
			}
			for i, w := range want.Operators {
				op := m.Operators[i]
				var names []string
				for _, sn := range op.StateNames {
					names = append(names, sn.Name)
				}
				names = slices.Compact(names)
				if op.ID.String() != w.OperatorID || op.Parallelism != w.Parallelism || op.MaxParallelism != w.MaxParallelism ||
					op.HasState != w.HasState || op.HasCoordinatorState() != w.CoordinatorState || op.FullyFinished != w.FullyFinished ||
					len(names) != len(w.StateNames) || (len(names) > 0 && !slices.Equal(names, w.StateNames)) {
					t.Errorf("operator %d: decoded %+v, Flink read %+v", i, op, w)
				}
			}
		})
	}
}
