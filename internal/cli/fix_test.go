package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/uidcheck/uidcheck/internal/atomicfile"
	"github.com/uidcheck/uidcheck/internal/report"
)

func TestFixAndDiff(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// TestFixEditsAFileOnceWhateverThePaths gives one file through its
// directory, itself, a "./" path and a symlink: it is edited once.
func TestFixEditsAFileOnceWhateverThePaths(t *testing.T) {
	dir := t.TempDir()
	job := writeJava(t, dir, "Job.java", statefulJob)
	links := t.TempDir()
	if err := os.Symlink(job, filepath.Join(links, "Link.java")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, _, stderr := runCLI(t, "check", "--fix", dir, job, "./Job.java", "Job.java", links)
	if code == ExitError {
		t.Fatalf("exit 2: %s", stderr)
	}
	fixed, _ := os.ReadFile(job)
	if n := strings.Count(string(fixed), ".uid("); n != 2 {
		t.Errorf("%d uids in the fixed file, want the one it had and one added:\n%s", n, fixed)
	}
	if info, _ := os.Lstat(filepath.Join(links, "Link.java")); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
}

// TestFixLeavesAFileChangedSinceAnalysis: the edit was computed from the
// content the analysis saw, so it is not written over another.
func TestFixLeavesAFileChangedSinceAnalysis(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	job := writeJava(t, dir, "Job.java", statefulJob)
	r := &report.Result{Diagnostics: []report.Diagnostic{{
		Rule: "missinguid", File: job,
		Fixes: []report.Fix{{Edits: []report.Edit{{File: job, Offset: 10, End: 10, NewText: `.uid("x")`}}}},
	}}}
	ios, _, _ := Test()
	changed := func(string, []byte) bool { return false }
	if _, err := applyFixes(&Factory{IO: ios}, r, changed, false); !errors.Is(err, atomicfile.ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(job); string(got) != statefulJob {
		t.Error("the file was edited")
	}
}

// TestFixRefusesEditsThatAddFindings: with a uid pattern the generated
// uids do not match, the fix would add uidformat findings; every file is
// put back and the run exits 2.
func TestFixRefusesEditsThatAddFindings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	job := writeJava(t, dir, "Job.java", statefulJob)
	conf := filepath.Join(dir, ".uidcheck.yaml")
	if err := os.WriteFile(conf, []byte("uid-pattern: '^orders-[a-z]+$'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "check", "--fix", "--config", conf, dir)
	if code != ExitError || !strings.Contains(stderr, "would add 1 new finding") || !strings.Contains(stderr, "(uidformat)") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(job); string(got) != statefulJob {
		t.Errorf("the file was not restored:\n%s", got)
	}
}

// TestFixJSONCarriesTheEditsFixMakes: the suggested fixes of the JSON output
// are the edits --fix applies, and a finding --fix leaves alone says why.
func TestFixJSONCarriesTheEditsFixMakes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	job := writeJava(t, dir, "Job.java", `package x;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStreamSource<Long> src = env.fromSequence(0, 1);
        src.keyBy(v -> v).sum(0).print();
        Lib.use(env.fromSequence(0, 2));
        env.execute();
    }
}
`)
	_, stdout, _ := runCLI(t, "check", "--format", "json", dir)
	var edits []report.Edit
	notes := 0
	for _, d := range decodeResult(t, stdout).Diagnostics {
		if len(d.Fixes) > 0 {
			edits = append(edits, d.Fixes[0].Edits...)
		}
		if strings.Contains(d.FixNote, "passed to use") {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("%d findings say why they are not fixed, want 1", notes)
	}
	src, _ := os.ReadFile(job)
	want, err := applyEdits(src, edits)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "check", "--fix", dir)
	got, _ := os.ReadFile(job)
	if code == ExitError || string(got) != string(want) {
		t.Errorf("exit %d; --fix wrote\n%s\nthe JSON edits give\n%s\n%s", code, got, want, stderr)
	}
	if !strings.Contains(string(got), "        src.uid(\"job-from-sequence\");\n") {
		t.Errorf("the DataStreamSource local did not get a statement of its own:\n%s", got)
	}
	if !strings.Contains(stderr, "--savepoint PATH") {
		t.Errorf("no warning about savepoint state:\n%s", stderr)
	}
}

// TestFixOnAFullDiskLeavesEveryFile runs --fix in a child process under a
// file-size limit (what a full disk or quota looks like to a writer) that
// the fixed version of the first file fits and the second's does not: the
// second write fails, the first file is put back, and both are
// byte-identical to what they were.
func TestFixOnAFullDiskLeavesEveryFile(t *testing.T) {
	if dir := os.Getenv("UIDCHECK_FIX_TEST_CHILD"); dir != "" {
		signal.Ignore(syscall.SIGXFSZ)
		limit := uint64(len(statefulJob) + 200)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI(t, "check", "--fix", dir)
		if code != ExitError {
			t.Fatalf("exit %d, want 2: %s", code, stderr)
		}
		return
	}
	dir := t.TempDir()
	small := writeJava(t, dir, "A.java", statefulJob)
	big := strings.Replace(statefulJob, "class Job", "class Big", 1) + "// " + strings.Repeat("x", 4096) + "\n"
	large := writeJava(t, dir, "B.java", big)
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestFixOnAFullDiskLeavesEveryFile$")
	cmd.Env = append(os.Environ(), "UIDCHECK_FIX_TEST_CHILD="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for file, want := range map[string]string{small: statefulJob, large: big} {
		if got, _ := os.ReadFile(file); string(got) != want {
			t.Errorf("%s changed:\n%s", file, got)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries in the directory, want the two sources", len(entries))
	}
}
