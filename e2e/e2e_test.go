//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/output"
	"github.com/uidcheck/uidcheck/internal/report"
)

var (
	repoRoot     = func() string { _, f, _, _ := runtime.Caller(0); return filepath.Dir(filepath.Dir(f)) }()
	harnessSrc   = filepath.Join(repoRoot, "testdata", "flink-harness", "src", "main", "java", "harness")
	uidcheckPath string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "uidcheck-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	uidcheckPath = filepath.Join(dir, "uidcheck")
	build := exec.Command("go", "build", "-o", uidcheckPath, "./cmd/uidcheck")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build uidcheck: %v\n%s", err, out)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// uidcheck runs the binary and returns stdout; exit codes 0 and 1 are results.
func uidcheck(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(uidcheckPath, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
		t.Fatalf("uidcheck %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

// versionDirs are the sources of one version of the scenario whose jobs ran
// (outcomeFile.Jobs): its vN/ directory, or vNmodel/ for a scenario whose
// versions define a class under the same name, and the shared common/.
func versionDirs(jobs, version string) []string {
	dir := filepath.Join(harnessSrc, "scenarios", jobs, version)
	if st, err := os.Stat(dir + "model"); err == nil && st.IsDir() {
		dir += "model"
	}
	return []string{dir, filepath.Join(harnessSrc, "common")}
}

// TestOperatorIDsAgreeWithFlink compares, for every scenario version, the
// OperatorID uidcheck gives each operator with a uid (operators) and each
// operator at all (the IDs compat predicts, auto-generated ones included)
// with the IDs Flink's own hasher gave the same job.
func TestOperatorIDsAgreeWithFlink(t *testing.T) {
	pinned, pinnedOK, all, allOK := 0, 0, 0, 0
	for _, run := range scenarioRuns(t) {
		var outcome outcomeFile
		readJSON(t, filepath.Join(run, "outcome.json"), &outcome)
		for _, version := range []string{"v1", "v2"} {
			var ids idsFile
			readJSON(t, filepath.Join(run, version, "ids.json"), &ids)
			if ids.Error != "" {
				continue // Flink could not build the graph; the verdict test covers it
			}
			var rep report.Result
			if err := json.Unmarshal(uidcheck(t, append([]string{"operators", "--format", "json"}, versionDirs(outcome.Jobs, version)...)...), &rep); err != nil {
				t.Fatal(err)
			}
			byUID := map[string]string{}
			for _, op := range rep.Operators {
				if op.UID != nil && op.OperatorID != nil {
					byUID[*op.UID] = *op.OperatorID
				}
			}
			predicted := predictedIDs(t, outcome, version)
			for _, node := range ids.Operators {
				all++
				if predicted[node.OperatorID] {
					allOK++
				} else {
					t.Errorf("flink %s %s/%s: operator %q (uid %v): Flink's ID %s is not among uidcheck's predicted IDs",
						outcome.FlinkVersion, outcome.Scenario, version, node.Name, deref(node.UID), node.OperatorID)
				}
				if node.UID == nil {
					continue
				}
				pinned++
				if got := byUID[*node.UID]; got == node.OperatorID {
					pinnedOK++
				} else {
					t.Errorf("flink %s %s/%s: uid %q: uidcheck operators gives %q, Flink %s",
						outcome.FlinkVersion, outcome.Scenario, version, *node.UID, got, node.OperatorID)
				}
			}
		}
	}
	t.Logf("OperatorIDs: pinned %d/%d agree; all operators (auto-generated included) %d/%d predicted", pinnedOK, pinned, allOK, all)
}

// predictedIDs runs compat on one version against the scenario's savepoint
// and collects every OperatorID it predicts for the job's operators.
func predictedIDs(t *testing.T, o outcomeFile, version string) map[string]bool {
	t.Helper()
	var rep output.CompatReport
	args := append([]string{"compat", "--format", "json", "--fail-on", "never", "--savepoint", o.Savepoint}, versionDirs(o.Jobs, version)...)
	if err := json.Unmarshal(uidcheck(t, args...), &rep); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, op := range rep.Operators {
		if op.OperatorID != nil {
			ids[*op.OperatorID] = true
		}
	}
	return ids
}

// flinkVerdict translates what Flink did into the verdict uidcheck must give.
func flinkVerdict(strict, allowNon resumeResult, withN bool) string {
	if !withN {
		if strict.Status == "running" {
			return "OK"
		}
		return "FAILS"
	}
	switch {
	case strict.Status == "running":
		return "OK"
	case allowNon.Status == "running":
		return "OK with state dropped (-n)"
	}
	return "FAILS"
}

// TestVerdictsAgreeWithFlink runs compat on each scenario's v2 against v1's
// savepoint, with and without -n, and requires Flink's actual outcome.
func TestVerdictsAgreeWithFlink(t *testing.T) {
	type row struct{ flink, scenario, flinkStrict, ours, flinkN, oursN string }
	var rows []row
	agree, total := 0, 0
	for _, run := range scenarioRuns(t) {
		var o outcomeFile
		readJSON(t, filepath.Join(run, "outcome.json"), &o)
		if _, ok := stateScenarios[o.Scenario]; ok {
			continue // TestStateScenarios compares both verdicts and Flink's message
		}
		r := row{flink: o.FlinkVersion, scenario: o.Scenario}
		for _, withN := range []bool{false, true} {
			args := []string{"compat", "--format", "json", "--fail-on", "never", "--savepoint", o.Savepoint}
			if withN {
				args = append(args, "-n")
			}
			var rep output.CompatReport
			if err := json.Unmarshal(uidcheck(t, append(args, versionDirs(o.Jobs, "v2")...)...), &rep); err != nil {
				t.Fatal(err)
			}
			want := flinkVerdict(o.Resume, o.ResumeAllowNon, withN)
			total++
			if rep.Verdict == want {
				agree++
			} else {
				t.Errorf("flink %s %s (-n=%v): uidcheck %q, Flink %q\n  Flink: %s\n  uidcheck failures: %q\n  uidcheck unknowns: %q",
					o.FlinkVersion, o.Scenario, withN, rep.Verdict, want, o.Resume.Message, rep.Failures, rep.Unknowns)
			}
			if withN {
				r.flinkN, r.oursN = want, rep.Verdict
			} else {
				r.flinkStrict, r.ours = want, rep.Verdict
			}
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool {
		return rows[i].scenario < rows[j].scenario || rows[i].scenario == rows[j].scenario && rows[i].flink < rows[j].flink
	})
	var b strings.Builder
	fmt.Fprintf(&b, "\n| scenario | Flink | Flink's outcome | uidcheck | Flink's outcome with -n | uidcheck -n |\n|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.scenario, r.flink, r.flinkStrict, r.ours, r.flinkN, r.oursN)
	}
	fmt.Fprintf(&b, "\nverdict agreement: %d/%d\n", agree, total)
	t.Log(b.String())
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}
