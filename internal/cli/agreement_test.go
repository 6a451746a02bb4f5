package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/output"
	"github.com/uidcheck/uidcheck/internal/report"
)

// TestCheckAndCompatAgreeOnDuplicateUIDs: for each shape, check reports a
// duplicateuid finding exactly when compat predicts Flink's hash collision.
func TestCheckAndCompatAgreeOnDuplicateUIDs(t *testing.T) {
	t.Parallel()
	const head = `package x;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> s = env.fromSequence(0, 9).uid("src");
`
	const tail = `        env.execute();
    }
    static void helper(DataStream<Long> in) {
        in.keyBy(v -> v).sum(0).uid("m");
    }
}
`
	for _, tt := range []struct {
		name, body string
		collides   bool
	}{
		{"if and else", "        if (args.length > 0) { s.keyBy(v -> v).sum(0).uid(\"m\"); } else { s.keyBy(v -> v).sum(0).uid(\"m\"); }\n", false},
		{"switch arms", "        switch (args.length) { case 0: s.keyBy(v -> v).sum(0).uid(\"m\"); break; default: s.keyBy(v -> v).sum(0).uid(\"m\"); }\n", false},
		{"twice in a row", "        s.keyBy(v -> v).sum(0).uid(\"m\");\n        s.keyBy(v -> v).sum(0).uid(\"m\");\n", true},
		{"after an if", "        if (args.length > 0) { s.keyBy(v -> v).sum(0).uid(\"m\"); }\n        s.keyBy(v -> v).sum(0).uid(\"m\");\n", true},
		{"in a loop", "        for (String a : args) { s.keyBy(v -> v).sum(0).uid(\"m\"); }\n", true},
		{"helper called twice", "        helper(s);\n        helper(s);\n", true},
		{"helper called once", "        helper(s);\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeJava(t, dir, "Job.java", head+tt.body+tail)
			_, stdout, _ := runCLI(t, "check", "--format", "json", dir)
			checked := false
			for _, d := range decodeResult(t, stdout).Diagnostics {
				checked = checked || d.Rule == "duplicateuid"
			}
			_, stdout, stderr := runCLI(t, "compat", "-s", migrationSavepoint, "--job", "x.Job#main", "--format", "json", dir)
			var rep output.CompatReport
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			predicted := strings.Contains(fmt.Sprint(rep.Failures), "Hash collision")
			if checked != tt.collides || predicted != tt.collides {
				t.Errorf("check reports a duplicate: %v; compat predicts a hash collision: %v; want %v\n%v", checked, predicted, tt.collides, rep.Failures)
			}
		})
	}
}

// TestTwoChecksAtOnce runs checks with different configurations in one
// process at the same time: each sees only its own (run with -race).
func TestTwoChecksAtOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeJava(t, dir, "Job.java", statefulJob)
	conf := writeJava(t, t.TempDir(), ".uidcheck.yaml", "uid-pattern: '^[a-z]+$'\nstateless-classes: [x.Nothing]\n")
	// The goroutines only run and count; the test goroutine judges, since
	// only it may stop the test.
	count := func(out, rule string) int {
		var r report.Result
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			return -1
		}
		n := 0
		for _, d := range r.Diagnostics {
			if d.Rule == rule {
				n++
			}
		}
		return n
	}
	done := make(chan [2]int)
	for range 4 {
		go func() {
			_, with, _ := runCLI(t, "check", "--format", "json", "--config", conf, dir)
			_, without, _ := runCLI(t, "check", "--format", "json", "--all-operators", dir)
			done <- [2]int{count(with, "uidformat"), count(without, "uidformat")}
		}()
	}
	for range 4 {
		if got := <-done; got != [2]int{1, 0} {
			t.Errorf("uidformat findings with and without the pattern: %v, want [1 0] (-1: no JSON)", got)
		}
	}
}
