package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFixAndDiff(t *testing.T) {
	sample, err := filepath.Abs("../../testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(sample, "src", "main", "java", "com", "example", "orders")
	for _, name := range []string{"OrdersJob.java", "DedupFunction.java", "Uids.java"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	job := filepath.Join(dir, "OrdersJob.java")
	before, _ := os.ReadFile(job)

	ios, stdout, _ := Test()
	Run(context.Background(), ios, []string{"check", "--diff", dir})
	if after, _ := os.ReadFile(job); string(after) != string(before) || !strings.Contains(stdout.String(), `+            .process(new DedupFunction()).uid("dedup")`) {
		t.Fatalf("--diff changed the file or printed no diff:\n%s", stdout)
	}

	ios, stdout, _ = Test()
	code := Run(context.Background(), ios, []string{"check", "--fix", "--color", "never", dir})
	fixed, _ := os.ReadFile(job)
	if !strings.Contains(string(fixed), `.process(new DedupFunction()).uid("dedup")`) || strings.Contains(stdout.String(), "(missinguid)") {
		t.Fatalf("--fix did not add the uid:\n%s", stdout)
	}
	// The other findings remain and still fail the run.
	if code != ExitFindings || !strings.Contains(stdout.String(), "(unstableuid)") {
		t.Errorf("exit %d, want 1 with the findings --fix cannot fix:\n%s", code, stdout)
	}
	ios, _, _ = Test()
	Run(context.Background(), ios, []string{"check", "--fix", dir})
	if again, _ := os.ReadFile(job); string(again) != string(fixed) {
		t.Error("a second --fix changed the file")
	}
}

func TestKebabNames(t *testing.T) {
	ios, stdout, _ := Test()
	dir := t.TempDir()
	src := `package com.example;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class OrdersJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 10).uid("orders-job-reduce").keyBy(v -> v).reduce((a, b) -> a + b).print().uid("p");
        env.fromSequence(0, 10).uid("n2").keyBy(v -> v).reduce((a, b) -> a + b).print().uid("p2");
        env.execute();
    }
}
`
	if err := os.WriteFile(filepath.Join(dir, "OrdersJob.java"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	Run(context.Background(), ios, []string{"check", "--diff", dir})
	if !strings.Contains(stdout.String(), `.uid("orders-job-reduce-2")`) || !strings.Contains(stdout.String(), `.uid("orders-job-reduce-3")`) {
		t.Errorf("names not unique within the job:\n%s", stdout)
	}
}
