package cli

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestChangedSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	t.Chdir(t.TempDir())
	sh := func(args ...string) {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), "git", args...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	job := func(class string) string {
		return strings.ReplaceAll(`package com.example;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class CLASS {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 10).uid("n").keyBy(v -> v).reduce((a, b) -> a + b).print().uid("p");
        env.execute();
    }
}
`, "CLASS", class)
	}
	sh("init", "-q")
	if err := os.WriteFile("Old.java", []byte(job("Old")), 0o600); err != nil {
		t.Fatal(err)
	}
	sh("add", "-A")
	sh("commit", "-qm", "old")
	if err := os.WriteFile("New.java", []byte(job("New")), 0o600); err != nil {
		t.Fatal(err)
	}
	ios, stdout, stderr := Test()
	code := Run(context.Background(), ios, []string{"check", "--changed-since", "HEAD", "."})
	if code != ExitFindings || !strings.Contains(stdout.String(), "New.java") || strings.Contains(stdout.String(), "Old.java") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	ios, _, stderr = Test()
	if code := Run(context.Background(), ios, []string{"check", "--changed-since", "no-such-rev", "."}); code != ExitError || !strings.Contains(stderr.String(), "--changed-since: git diff") {
		t.Errorf("bad rev: exit %d, stderr %q", code, stderr)
	}
}
