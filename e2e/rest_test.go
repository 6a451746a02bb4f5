//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestRESTCommands drives a real Flink session cluster started by
// scripts/flink-cluster.sh through the savepoint workflow: run, list,
// savepoint, stop with savepoint, resume gated by compat (refused, forced,
// compatible) and cancel -s.
func TestRESTCommands(t *testing.T) {
	url, jar := os.Getenv("UIDCHECK_E2E_CLUSTER"), os.Getenv("UIDCHECK_E2E_JAR")
	if url == "" || jar == "" {
		t.Skip("UIDCHECK_E2E_CLUSTER and UIDCHECK_E2E_JAR are not set: run scripts/e2e.sh")
	}
	dir := t.TempDir()
	run := func(wantExit int, args ...string) string {
		t.Helper()
		cmd := exec.Command(uidcheckPath, append([]string{args[0], "-m", url, "--timeout", "2m"}, args[1:]...)...)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != wantExit {
			t.Fatalf("uidcheck %s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantExit, out)
		}
		return string(out)
	}
	jobID := regexp.MustCompile(`JobID ([0-9a-f]{32})`)
	location := regexp.MustCompile(`Path: (\S+)`)
	src := func(scenario, version string) []string {
		return []string{"--src", filepath.Join(harnessSrc, "scenarios", scenario, version), "--src", filepath.Join(harnessSrc, "common")}
	}
	// savepointWhenRunning retries while the job's tasks are still being
	// deployed: Flink refuses savepoints until every task runs, and the job
	// keeps running when it does.
	savepointWhenRunning := func(args ...string) string {
		t.Helper()
		for i := 0; ; i++ {
			cmd := exec.Command(uidcheckPath, append([]string{args[0], "-m", url, "--timeout", "2m"}, args[1:]...)...)
			out, err := cmd.CombinedOutput()
			if err == nil {
				return string(out)
			}
			if i == 20 || !strings.Contains(string(out), "not being executed at the moment") {
				t.Fatalf("uidcheck %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}

	out := run(0, "run", "-c", "harness.scenarios.unchanged.v1.Job", jar)
	first := jobID.FindStringSubmatch(out)[1]
	if out := run(0, "list"); !strings.Contains(out, first) || !strings.Contains(out, "RUNNING") {
		t.Fatalf("list does not show running job %s:\n%s", first, out)
	}
	out = savepointWhenRunning("savepoint", first, filepath.Join(dir, "savepoints"))
	if !location.MatchString(out) {
		t.Fatalf("savepoint printed no path:\n%s", out)
	}
	out = savepointWhenRunning("stop", "--savepointPath", filepath.Join(dir, "stopped"), first)
	stopped := location.FindStringSubmatch(out)[1]
	if out := run(0, "list"); strings.Contains(out, first) {
		t.Fatalf("job %s still listed as running after stop:\n%s", first, out)
	}

	// An incompatible resume is refused before anything is submitted.
	out = run(1, append([]string{"run", "-s", stopped, "-c", "harness.scenarios.uid_renamed.v2.Job"}, append(src("uid_renamed", "v2"), jar)...)...)
	if !strings.Contains(out, "FAILS") || !strings.Contains(out, "not submitted") {
		t.Fatalf("incompatible resume was not refused:\n%s", out)
	}
	// With --force it is submitted and Flink's restore error is shown.
	out = run(2, append([]string{"run", "--force", "-s", stopped, "-c", "harness.scenarios.uid_renamed.v2.Job"}, append(src("uid_renamed", "v2"), jar)...)...)
	if !strings.Contains(out, "Cannot map checkpoint/savepoint state for operator") {
		t.Fatalf("forced resume did not show Flink's restore error:\n%s", out)
	}
	// A compatible resume runs.
	out = run(0, append([]string{"run", "-s", stopped, "-c", "harness.scenarios.unchanged.v2.Job"}, append(src("unchanged", "v2"), jar)...)...)
	resumed := jobID.FindStringSubmatch(out)[1]
	out = savepointWhenRunning("cancel", "-s", filepath.Join(dir, "cancelled"), resumed)
	if !strings.Contains(out, "Cancelled job "+resumed) || !location.MatchString(out) {
		t.Fatalf("cancel -s did not report savepoint and cancellation:\n%s", out)
	}
	if out := run(0, "list", "-a"); !regexp.MustCompile(resumed + `\s+CANCEL`).MatchString(out) {
		t.Fatalf("job %s not cancelled:\n%s", resumed, out)
	}
}
