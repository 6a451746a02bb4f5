package cli

import (
	"strings"
	"testing"
)

func TestSuppressionDirectives(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeJava(t, dir, "Job.java", `package x;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // uidcheck:ignore missinguid the source is replayed from the start on every deploy
        env.fromSequence(0, 1)
            .keyBy(v -> v).sum(0); // uidcheck:ignore missinguid,duplicateuid state is rebuilt from the topic
        env.fromSequence(0, 1).uid("a"); // uidcheck:ignore unstableuid nothing to suppress here
        env.fromSequence(0, 1).uid("b"); // uidcheck:ignore missinguid
        String s = "// uidcheck:ignore missinguid inside a string is not a directive";
        // uidcheck: remove setUidHash after the next savepoint
        env.fromSequence(0, 1).uid("c");
        // uidcheck: ignore missinguid a directive written with a space
        env.execute();
    }
}
`)
	code, stdout, _ := runCLI(t, "check", "--format", "json", dir)
	res := decodeResult(t, stdout)
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Rule+":"+d.Message)
		if d.Rule == "missinguid" {
			t.Errorf("not suppressed: %+v", d)
		}
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		"directive:directive suppresses nothing",
		"directive:uidcheck:ignore needs rules and a reason",
		`directive:unknown directive "uidcheck:"`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("diagnostics %q lack %q", joined, want)
		}
	}
	if len(res.Diagnostics) != 3 {
		t.Errorf("diagnostics = %q", joined)
	}
	if code != ExitOK { // directive problems are warnings
		t.Errorf("exit %d", code)
	}
}

// TestDirectivesOutsidePipelines: a directive is read from the file's one
// parse even where no pipeline is built, and a file-ignore above the
// package declaration counts.
func TestDirectivesOutsidePipelines(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeJava(t, dir, "Util.java", `package x;
public class Util {
    // uidcheck:ignore missinguid nothing here builds a pipeline
    static int one() { return 1; }
}
`)
	writeJava(t, dir, "Job.java", `// uidcheck:file-ignore missinguid replayed from the start on every deploy
package x;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 1).keyBy(v -> v).sum(0);
        env.execute();
    }
}
`)
	_, stdout, _ := runCLI(t, "check", "--format", "json", dir)
	res := decodeResult(t, stdout)
	if len(res.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Rule != "directive" || !strings.HasSuffix(d.File, "Util.java") || d.Line != 3 || !strings.Contains(d.Message, "suppresses nothing") {
		t.Errorf("diagnostic = %+v, want the unused directive at Util.java:3", d)
	}
}
