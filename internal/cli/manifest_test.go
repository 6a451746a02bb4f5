package cli

import (
	"context"
	"os"
	"strings"
	"testing"
)

const manifestJob = `package com.example;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 10).uid("numbers")
                .keyBy(v -> v % 4)
                .reduce((a, b) -> a + b).uid("totals")
                .keyBy(v -> v % 2)
                .sum(0).uid("sums")
                .print().uid("print");
        env.execute();
    }
}
`

func TestManifest(t *testing.T) {
	t.Chdir(t.TempDir())
	run := func(args ...string) (ExitCode, string, string) {
		ios, stdout, stderr := Test()
		code := Run(context.Background(), ios, append([]string{args[0], "--color", "never"}, args[1:]...))
		return code, stdout.String(), stderr.String()
	}
	if err := os.WriteFile("Job.java", []byte(manifestJob), 0o600); err != nil {
		t.Fatal(err)
	}
	code, lock, _ := run("manifest", ".")
	if code != ExitOK || !strings.Contains(lock, "\"totals\"\t") || !strings.Contains(lock, "job com.example.Job#main") {
		t.Fatalf("manifest: exit %d\n%s", code, lock)
	}
	if _, again, _ := run("manifest", "."); again != lock {
		t.Fatalf("manifest is not deterministic:\n%s\n%s", lock, again)
	}
	if err := os.WriteFile("uids.lock", []byte(lock), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := run("check", "--manifest", "uids.lock", "."); code != ExitOK {
		t.Fatalf("unchanged code: exit %d\n%s", code, out)
	}
	// Rename one stateful uid and remove another.
	edited := strings.Replace(strings.Replace(manifestJob, `.uid("totals")`, `.uid("totals-v2")`, 1), `.sum(0).uid("sums")`, `.sum(0)`, 1)
	if err := os.WriteFile("Job.java", []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run("check", "--manifest", "uids.lock", "--update-manifest", ".")
	if code != ExitFindings ||
		!strings.Contains(out, `uid of "reduce" changed from "totals" to "totals-v2" since uids.lock`) ||
		!strings.Contains(out, `stateful uid "sums" (sum at Job.java:12 in uids.lock) is gone from job com.example.Job#main`) {
		t.Fatalf("edited code: exit %d\n%s", code, out)
	}
	updated, err := os.ReadFile("uids.lock")
	if err != nil || !strings.Contains(string(updated), `"totals-v2"`) || strings.Contains(string(updated), `"sums"`) {
		t.Fatalf("manifest not updated: %v\n%s", err, updated)
	}
	if err := os.WriteFile("bad.lock", []byte("job x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("check", "--manifest", "bad.lock", "."); code != ExitError || !strings.Contains(stderr, "bad.lock:1: not a uid manifest") {
		t.Fatalf("bad manifest: exit %d, stderr %q", code, stderr)
	}
}
