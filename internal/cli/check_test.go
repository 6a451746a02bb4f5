package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/settings"
	"github.com/uidcheck/uidcheck/internal/report"
)

func runCLI(tb testing.TB, args ...string) (ExitCode, string, string) {
	tb.Helper()
	ios, out, errOut := Test()
	code := Run(context.Background(), ios, args)
	return code, out.String(), errOut.String()
}

func decodeResult(t *testing.T, s string) report.Result {
	t.Helper()
	var r report.Result
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, s)
	}
	return r
}

// TestOperatorsKnownUIDs checks every uid of the fixture table against the
// OperatorID verified in real savepoint files.
func TestOperatorsKnownUIDs(t *testing.T) {
	t.Parallel()
	// The Sink V1/V2 fixture's sink has a global committer; tell the
	// catalog so.
	cat, err := flinkapi.NewCatalog([]flinkapi.CatalogEntry{{
		Match: "UnifiedSink", Role: "sink", Stateful: "true",
		Reason: "test sink with a global committer", Parts: []string{"Writer", "Global Committer"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	s := settings.Default()
	s.Catalog = cat
	ios, _, stderr := Test()
	res, err := analyze(context.Background(), &Factory{IO: ios},
		analyzeOptions{paths: []string{"testdata/knownuids"}, withOperators: true, settings: s},
		[]*analysis.Analyzer{pipeline.Analyzer})
	if err != nil || len(res.errs) > 0 {
		t.Fatalf("%v %v: %s", err, res.errs, stderr)
	}
	got := map[string]string{}
	for _, op := range res.report.Operators {
		if op.UID != nil && op.OperatorID != nil {
			got[*op.UID] = *op.OperatorID
		}
	}
	f, err := os.Open("testdata/known-uids.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		uid, want := line[:i], line[i+1:]
		n++
		if got[uid] != want {
			t.Errorf("uid %q: operator_id %q, want %q", uid, got[uid], want)
		}
	}
	if n < 30 {
		t.Fatalf("read %d known uids, want the whole table", n)
	}
}

func writeJava(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const statefulJob = `package x;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
public class Job {
    static final String PREFIX = "orders";
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 1).uid(PREFIX + "-src")
            .keyBy(v -> v).sum(0);
        env.execute();
    }
}
`

func TestCheckJSONShape(t *testing.T) {
	dir := t.TempDir()
	writeJava(t, dir, "Job.java", statefulJob)
	t.Chdir(dir)
	code, stdout, _ := runCLI(t, "check", "--format", "json", ".")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d", code, ExitFindings)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	if raw["version"] != float64(1) {
		t.Errorf("version = %v", raw["version"])
	}
	ops := raw["operators"].([]any)
	src := ops[0].(map[string]any)
	wantOp := map[string]any{
		"file": "Job.java", "line": float64(7), "column": float64(13), "call": "fromSequence", "job": "x.Job#main",
		"uid": "orders-src", "uid_resolved": true, "uid_expr": `PREFIX + "-src"`, "uid_hash": nil,
		"stateful": true,
	}
	for k, v := range wantOp {
		if src[k] != v {
			t.Errorf("operators[0].%s = %#v, want %#v", k, src[k], v)
		}
	}
	if id, _ := src["operator_id"].(string); len(id) != 32 {
		t.Errorf("operator_id = %v", src["operator_id"])
	}
	sum := ops[1].(map[string]any)
	if sum["uid"] != nil || sum["operator_id"] != nil || sum["uid_resolved"] != false || sum["uid_expr"] != nil {
		t.Errorf("operator without uid: %v", sum)
	}
	diags := raw["diagnostics"].([]any)
	if len(diags) != 1 {
		t.Fatalf("diagnostics = %v", diags)
	}
	d := diags[0].(map[string]any)
	wantDiag := map[string]any{
		"rule": "missinguid", "severity": "error", "file": "Job.java", "line": float64(8),
		"column": float64(28), "end_line": float64(8), "end_column": float64(31),
	}
	for k, v := range wantDiag {
		if d[k] != v {
			t.Errorf("diagnostics[0].%s = %#v, want %#v", k, d[k], v)
		}
	}
}

func TestCheckExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeJava(t, dir, "stateful/Job.java", statefulJob)
	writeJava(t, dir, "unknown/Job.java", strings.Replace(statefulJob, ".keyBy(v -> v).sum(0)", ".map(new com.vendor.Fn())", 1))
	writeJava(t, dir, "clean/Job.java", strings.Replace(statefulJob, ".sum(0)", ".sum(0).uid(\"sum\")", 1))
	tests := []struct {
		args []string
		want ExitCode
	}{
		{[]string{"check", filepath.Join(dir, "clean")}, ExitOK},
		{[]string{"check", filepath.Join(dir, "stateful")}, ExitFindings},
		{[]string{"check", "--fail-on", "none", filepath.Join(dir, "stateful")}, ExitOK},
		{[]string{"check", filepath.Join(dir, "unknown")}, ExitOK}, // warnings pass by default
		{[]string{"check", "--fail-on", "warning", filepath.Join(dir, "unknown")}, ExitFindings},
		{[]string{"check", "--fail-on", "info", "--all-operators", filepath.Join(dir, "clean")}, ExitOK},
		{[]string{"check", "--fail-on", "bogus", dir}, ExitError},
		{[]string{"check", "--format", "xml", dir}, ExitError},
		{[]string{"check", filepath.Join(dir, "missing")}, ExitError},
	}
	for _, tt := range tests {
		if got, _, stderr := runCLI(t, tt.args...); got != tt.want {
			t.Errorf("uidcheck %s: exit %d, want %d (stderr %s)", strings.Join(tt.args, " "), got, tt.want, stderr)
		}
	}
}

func TestCheckAllOperators(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeJava(t, dir, "Job.java", strings.Replace(statefulJob, ".sum(0)", ".sum(0).uid(\"s\").map(v -> v)", 1))
	_, stdout, _ := runCLI(t, "check", "--format", "json", dir)
	if res := decodeResult(t, stdout); len(res.Diagnostics) != 0 {
		t.Errorf("without --all-operators: %v", res.Diagnostics)
	}
	code, stdout, _ := runCLI(t, "check", "--all-operators", "--fail-on", "info", "--format", "json", dir)
	res := decodeResult(t, stdout)
	if code != ExitFindings || len(res.Diagnostics) != 1 || res.Diagnostics[0].Severity != report.SeverityInfo ||
		res.Diagnostics[0].Category != "stateless" {
		t.Errorf("with --all-operators: exit %d, %+v", code, res.Diagnostics)
	}
}

func TestCheckTextOutput(t *testing.T) {
	dir := t.TempDir()
	writeJava(t, dir, "Job.java", statefulJob)
	t.Chdir(dir)
	_, stdout, _ := runCLI(t, "check", "Job.java")
	want := `Job.java:8:28: error: stateful operator "sum" has no uid; its state cannot be restored after the job graph changes (keyed aggregation keeps its running value in keyed state) (missinguid)
                .keyBy(v -> v).sum(0);
                               ^~~
`
	if stdout != want {
		t.Errorf("text output:\n%s\nwant:\n%s", stdout, want)
	}
	if bytes.Contains([]byte(stdout), []byte("\x1b[")) {
		t.Error("colour escape codes on a non-terminal")
	}
}

func TestCheckColor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeJava(t, dir, "Job.java", statefulJob)
	_, stdout, _ := runCLI(t, "check", "--color", "always", dir)
	if !strings.Contains(stdout, "\x1b[31;1merror") {
		t.Errorf("--color always: no coloured severity in %q", stdout)
	}
	ios, out, _ := Test()
	ios.OutTTY = true
	ios.Getenv = func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}
	Run(context.Background(), ios, []string{"check", dir})
	if strings.Contains(out.String(), "\x1b[") {
		t.Errorf("NO_COLOR on a terminal: escapes in %q", out.String())
	}
}
