//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// idsFile is what the harness writes per scenario version: every StreamNode
// with the OperatorID Flink's StreamGraphHasherV2 gives it, or the error
// Flink raises while building the graph (a duplicate uid).
type idsFile struct {
	Job       string `json:"job"`
	Error     string `json:"error"`
	Operators []struct {
		Name       string  `json:"name"`
		UID        *string `json:"uid"`
		UserHash   *string `json:"user_hash"`
		OperatorID string  `json:"operator_id"`
	} `json:"operators"`
}

// resumeResult is what Flink did when v2 resumed from v1's savepoint.
type resumeResult struct {
	AllowNonRestoredState bool   `json:"allow_non_restored_state"`
	Status                string `json:"status"` // running or failed
	Stage                 string `json:"stage"`  // job-graph, submission or restore when failed
	Message               string `json:"message"`
	// StateRead is what the restored job's probes (harness.common.StateReads)
	// read of its keyed state, by state name, when it kept running.
	StateRead map[string]stateRead `json:"state_read"`
}

// stateRead counts the keys a job's probe touched for one state, and for how
// many of them the first read found a value restored from the savepoint.
type stateRead struct {
	Keys     int `json:"keys"`
	Restored int `json:"restored"`
}

// outcomeFile is the harness's record of one scenario on one Flink version.
type outcomeFile struct {
	Scenario        string       `json:"scenario"`
	Jobs            string       `json:"jobs"` // the scenario whose v1/v2 sources ran (another one's for a backend variant)
	FlinkVersion    string       `json:"flink_version"`
	Description     string       `json:"description"`
	Backend         string       `json:"backend"`
	SavepointFormat string       `json:"savepoint_format"`
	Savepoint       string       `json:"savepoint"`
	Resume          resumeResult `json:"resume"`
	ResumeAllowNon  resumeResult `json:"resume_allow_non_restored"`
	// V1StateRead is what v1's probes touched before its savepoint: the
	// keyed states the savepoint holds data for.
	V1StateRead map[string]stateRead `json:"v1_state_read"`
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// scenarioRuns lists <out>/<flink>/<scenario> directories that hold an outcome.
func scenarioRuns(t *testing.T) []string {
	t.Helper()
	out := os.Getenv("UIDCHECK_E2E_OUT")
	if out == "" {
		t.Skip("UIDCHECK_E2E_OUT is not set: run scripts/e2e.sh")
	}
	runs, err := filepath.Glob(filepath.Join(out, "*", "*", "outcome.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) == 0 {
		t.Fatalf("no outcome.json under %s", out)
	}
	for i, r := range runs {
		runs[i] = filepath.Dir(r)
	}
	return runs
}
