package cli

import (
	"context"
	"os"
	"strings"
	"testing"
)

const baselineJob = `package com.example;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 10).uid("numbers")
                .keyBy(v -> v % 4)
                .reduce((a, b) -> a + b)
                .print().uid("print");
        %NEW%
        env.execute();
    }
}
`

func TestBaseline(t *testing.T) {
	t.Chdir(t.TempDir())
	write := func(src string) {
		t.Helper()
		if err := os.WriteFile("Job.java", []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) (ExitCode, string, string) {
		ios, stdout, stderr := Test()
		code := Run(context.Background(), ios, append([]string{"check", "--color", "never"}, args...))
		return code, stdout.String(), stderr.String()
	}
	write(strings.Replace(baselineJob, "%NEW%", "", 1))
	if code, _, stderr := run("--write-baseline", "uidcheck-baseline.json", "."); code != ExitOK || !strings.Contains(stderr, "wrote 1 findings") {
		t.Fatalf("write baseline: exit %d, stderr %q", code, stderr)
	}
	// The old finding moves down two lines; a new one appears.
	moved := "\n\n" + strings.Replace(baselineJob, "%NEW%", `env.fromSequence(0, 5).keyBy(v -> v).sum(0).print().uid("p2");`, 1)
	write(moved)
	code, stdout, _ := run("--baseline", "uidcheck-baseline.json", ".")
	if code != ExitFindings || strings.Count(stdout, "(missinguid)") != 2 || !strings.Contains(stdout, `"sum"`) || strings.Contains(stdout, `"reduce"`) {
		t.Fatalf("with baseline: exit %d, want 1 with only the new line's two findings:\n%s", code, stdout)
	}
	// Fixing the old finding leaves a stale entry, which is listed.
	write(strings.Replace(strings.Replace(moved, "(a, b) -> a + b)", "(a, b) -> a + b).uid(\"sum\")", 1), "%NEW%", "", 1))
	code, _, stderr := run("--baseline", "uidcheck-baseline.json", "--fail-on", "none", ".")
	if code != ExitOK || !strings.Contains(stderr, "stale baseline entry") {
		t.Fatalf("stale: exit %d, stderr %q", code, stderr)
	}
}
