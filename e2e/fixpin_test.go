//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/uidfix"
)

// roundTrip is what harness.StateRoundTrip prints.
type roundTrip struct {
	Status    string `json:"status"`
	Message   string `json:"message"`
	MinCount  int64  `json:"min_count"`
	Records   int64  `json:"records"`
	Savepoint string `json:"savepoint"`
}

// TestFixSavepointRoundTrip proves on real Flink that `check --fix
// --savepoint` keeps state: v1's keyed counter has no uid; v2 is v1 after
// the fix (a uid plus setUidHash of v1's auto-generated ID) and resumes in
// strict mode with its counts continuing (the smallest count it emits is
// above 1); v3 drops the setUidHash line and resumes from v2's savepoint,
// again with its counts; v4 renames the uid, and `check --fix --savepoint`
// pins v3's ID on it, so it resumes with its counts too. The control, v1 fixed without --savepoint, prints
// the warning and Flink refuses to resume it.
func TestFixSavepointRoundTrip(t *testing.T) {
	for _, profile := range []string{"flink1", "flink2"} {
		t.Run(profile, func(t *testing.T) {
			harness := filepath.Join(repoRoot, "testdata", "flink-harness")
			cpFile := filepath.Join(harness, "target", profile, "classpath.txt")
			deps, err := os.ReadFile(cpFile)
			if err != nil {
				t.Skipf("%s: run scripts/e2e.sh with this profile", cpFile)
			}
			cp := filepath.Join(harness, "target", profile, "classes") + ":" + strings.TrimSpace(string(deps))
			work := t.TempDir()
			common := filepath.Join(harnessSrc, "common")
			job := func(name string) string {
				dir := filepath.Join(work, name)
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				src, err := os.ReadFile(filepath.Join(harness, "fixjobs", "harness", "fixpin", "Job.java"))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "Job.java"), src, 0o644); err != nil {
					t.Fatal(err)
				}
				return dir
			}
			run := func(dir, restore string) roundTrip {
				t.Helper()
				classes := filepath.Join(dir, "classes")
				javac := exec.Command("javac", "-d", classes, "-cp", cp, filepath.Join(dir, "Job.java"))
				if out, err := javac.CombinedOutput(); err != nil {
					t.Fatalf("javac %s: %v\n%s", dir, err, out)
				}
				args := []string{"-cp", classes + ":" + cp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
					"harness.StateRoundTrip", "harness.fixpin.Job", filepath.Join(dir, "savepoints")}
				if restore != "" {
					args = append(args, restore)
				}
				out, err := exec.Command("java", args...).Output()
				if err != nil {
					t.Fatalf("StateRoundTrip %s: %v", dir, err)
				}
				var r roundTrip
				if err := json.Unmarshal(lastObject(out), &r); err != nil {
					t.Fatalf("StateRoundTrip %s: %v\n%s", dir, err, out)
				}
				return r
			}

			v1 := run(job("v1"), "")
			if v1.Status != "running" {
				t.Fatalf("v1: %+v", v1)
			}
			savepoint := strings.TrimPrefix(v1.Savepoint, "file:")

			v2 := job("v2")
			stderr := runUidcheck(t, "check", "--fix", "--savepoint", savepoint, v2, common)
			fixed, _ := os.ReadFile(filepath.Join(v2, "Job.java"))
			if !strings.Contains(string(fixed), uidfix.PinComment) || !strings.Contains(string(fixed), ".setUidHash(") {
				t.Fatalf("the fix pinned nothing:\n%s\n%s", fixed, stderr)
			}
			r2 := run(v2, savepoint)
			if r2.Status != "running" || r2.MinCount <= 1 {
				t.Fatalf("v2 (fixed with --savepoint) from v1's savepoint: %+v, want running with counts above 1\n%s", r2, fixed)
			}

			v3 := job("v3")
			unpinned := regexp.MustCompile(`(?m)^\s*`+regexp.QuoteMeta(uidfix.PinComment)+`\r?\n`).ReplaceAll(fixed, nil)
			unpinned = regexp.MustCompile(`\.setUidHash\("[0-9a-f]{32}"\)`).ReplaceAll(unpinned, nil)
			if err := os.WriteFile(filepath.Join(v3, "Job.java"), unpinned, 0o644); err != nil {
				t.Fatal(err)
			}
			r3 := run(v3, strings.TrimPrefix(r2.Savepoint, "file:"))
			if r3.Status != "running" || r3.MinCount <= r2.MinCount {
				t.Fatalf("v3 (setUidHash removed) from v2's savepoint: %+v, want running with counts above v2's %d", r3, r2.MinCount)
			}

			// A renamed uid: v4 is v3 with another uid on the counter. check
			// --savepoint names it as the likely owner of v3's state and
			// --fix pins the old ID.
			v4 := job("v4")
			renamed := strings.Replace(string(unpinned), `.uid("job-process")`, `.uid("counter-renamed")`, 1)
			if renamed == string(unpinned) {
				t.Fatalf("the fixed job has no uid \"job-process\":\n%s", unpinned)
			}
			if err := os.WriteFile(filepath.Join(v4, "Job.java"), []byte(renamed), 0o644); err != nil {
				t.Fatal(err)
			}
			savepoint3 := strings.TrimPrefix(r3.Savepoint, "file:")
			if rc := run(v4, savepoint3); rc.Status != "failed" {
				t.Fatalf("v4 with the renamed uid resumed without the pin: %+v", rc)
			}
			stderr = runUidcheck(t, "check", "--fix", "--savepoint", savepoint3, v4, common)
			fixed4, _ := os.ReadFile(filepath.Join(v4, "Job.java"))
			if !strings.Contains(string(fixed4), `.uid("counter-renamed").setUidHash("`) {
				t.Fatalf("the renamed uid was not pinned:\n%s\n%s", fixed4, stderr)
			}
			r4 := run(v4, savepoint3)
			if r4.Status != "running" || r4.MinCount <= r3.MinCount {
				t.Fatalf("v4 (renamed uid, pinned) from v3's savepoint: %+v, want running with counts above v3's %d", r4, r3.MinCount)
			}

			control := job("control")
			stderr = runUidcheck(t, "check", "--fix", control, common)
			if !strings.Contains(stderr, "--savepoint") {
				t.Errorf("--fix without --savepoint gave no warning:\n%s", stderr)
			}
			if rc := run(control, savepoint); rc.Status != "failed" || !strings.Contains(rc.Message, "Cannot map checkpoint/savepoint state") {
				t.Errorf("control (uid without pin) from v1's savepoint: %+v, want Flink's refusal", rc)
			}
			t.Logf("%s: min counts after each resume: v2 %d, v3 %d, v4 %d", profile, r2.MinCount, r3.MinCount, r4.MinCount)
		})
	}
}

// runUidcheck runs the binary, fails on exit code 2 and returns stderr.
func runUidcheck(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(uidcheckPath, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
		t.Fatalf("uidcheck %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stderr.String()
}

// lastObject returns the JSON object that ends the output: the lines from
// the last one that opens it.
func lastObject(out []byte) []byte {
	if i := bytes.LastIndex(out, []byte("\n{")); i >= 0 {
		return out[i+1:]
	}
	return out
}
