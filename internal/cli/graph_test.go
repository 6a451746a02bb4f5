package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/output"
)

// writeBigJob writes one job of n operators: a source, then a line of
// maps, keyed stateful functions, rebalances, side outputs and unions, some
// with a uid, some without.
func writeBigJob(tb testing.TB, dir string, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`package big;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

public class BigJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> s0 = env.fromSequence(1, 10).map(new M()).uid("m0");
`)
	ops := 2
	for i := 1; ops < n-1; i++ {
		switch {
		case i%10 == 0:
			fmt.Fprintf(&b, "        DataStream<String> s%d = s%d.union(s%d).map(new M()).uid(\"m%d\");\n", i, i-1, i-3, i)
		case i%5 == 0:
			fmt.Fprintf(&b, "        DataStream<String> s%d = s%d.keyBy(x -> x).process(new P());\n", i, i-1)
		case i%7 == 0:
			fmt.Fprintf(&b, "        DataStream<String> s%d = s%d.rebalance().map(new M()).uid(\"m%d\");\n", i, i-1, i)
		default:
			fmt.Fprintf(&b, "        DataStream<String> s%d = s%d.map(new M());\n", i, i-1)
		}
		ops++
		if ops == n-1 {
			fmt.Fprintf(&b, "        s%d.print();\n", i)
			ops++
		}
	}
	b.WriteString(`        env.execute("big");
    }

    static class M implements MapFunction<String, String> {
        @Override
        public String map(String s) {
            return s;
        }
    }

    static class P extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<String> last;

        @Override
        public void open(Configuration c) {
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", String.class));
        }

        @Override
        public void processElement(String s, Context ctx, Collector<String> out) throws Exception {
            last.update(s);
            out.collect(s);
        }
    }
}
`)
	path := filepath.Join(dir, "BigJob.java")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// TestGraphLargeJob: all 1,000 operators are drawn, and the Markdown
// report collapses the graph to stay under GitHub's comment limit and
// Mermaid's own limits, saying how many operators it left out.
func TestGraphLargeJob(t *testing.T) {
	t.Parallel()
	dir := writeBigJob(t, t.TempDir(), 1000)
	code, stdout, stderr := runCLI(t, "graph", "--format", "mermaid", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := len(regexp.MustCompile(`(?m)^\s+j0n\d+[\[\(\{]`).FindAllString(stdout, -1)); n != 1000 {
		t.Fatalf("%d operators drawn, want 1000", n)
	}
	_, md, stderr := runCLI(t, "check", "--format", "markdown", dir)
	if len(md) > output.MarkdownLimit || !strings.HasPrefix(md, output.CommentMarker) {
		t.Fatalf("markdown report is %d bytes (limit %d), starts %q; stderr %s", len(md), output.MarkdownLimit, md[:min(80, len(md))], stderr)
	}
	block := regexp.MustCompile("(?s)```mermaid\n(.*?)```").FindStringSubmatch(md)
	if block == nil || len(block[1]) > 50000 {
		t.Fatalf("want a Mermaid block under Mermaid's 50,000-character limit, report:\n%.2000s", md)
	}
	if !regexp.MustCompile(`collapsed to the operators that matter .*: \d+ operators left out`).MatchString(md) {
		t.Errorf("no collapse note in:\n%.1500s", md)
	}
}

// BenchmarkGraph1000 measures graph on one 1,000-operator job, from the
// Java source to the written output (analysis included), per format; svg
// and html with the built-in layout, and svg-graphviz with Graphviz's dot
// (skipped when dot is not installed).
func BenchmarkGraph1000(b *testing.B) {
	dir := writeBigJob(b, b.TempDir(), 1000)
	out := filepath.Join(b.TempDir(), "graph.out")
	for _, tc := range []struct{ name, format, layout string }{
		{"mermaid", "mermaid", "builtin"},
		{"dot", "dot", "builtin"},
		{"svg", "svg", "builtin"},
		{"html", "html", "builtin"},
		{"svg-graphviz", "svg", "dot"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			if _, err := exec.LookPath("dot"); err != nil && tc.layout == "dot" {
				b.Skip("Graphviz dot not installed")
			}
			for b.Loop() {
				if code, _, stderr := runCLI(b, "graph", "--format", tc.format, "--layout", tc.layout, "-o", out, dir); code != ExitOK {
					b.Fatalf("exit %d: %s", code, stderr)
				}
			}
		})
	}
}

// TestGraphEdgesAndChains: every partitioning is labelled, and the chains
// drawn are those compat computes (fromSequence → map → process → side
// output map; the startNewChain map with print).
func TestGraphEdgesAndChains(t *testing.T) {
	t.Parallel()
	code, dot, stderr := runCLI(t, "graph", "--format", "dot", renderDir+"/edges")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, label := range []string{"forward", "side output", "rebalance", "rescale", "shuffle, union", "broadcast", "global", "hash (keyBy)", "custom"} {
		if !strings.Contains(dot, `[label="`+label+`"`) {
			t.Errorf("no edge labelled %q", label)
		}
	}
	if n := strings.Count(dot, "subgraph cluster_j0_chain"); n != 2 {
		t.Errorf("%d chains, want 2", n)
	}
	if !strings.Contains(dot, `map \"to \"string\" <x> & #1 | y\"`) {
		t.Errorf("operator name not quoted for DOT:\n%s", dot)
	}
}

// TestGraphBadInput: usage and input errors are one line naming the flag
// or file, with exit 2.
func TestGraphBadInput(t *testing.T) {
	t.Parallel()
	corrupt := filepath.Join(t.TempDir(), "_metadata")
	if err := os.WriteFile(corrupt, []byte("not a savepoint"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"graph", "--format", "png", "../../testdata/sample"}, `invalid --format "png"`},
		{[]string{"graph", "--layout", "neato", "../../testdata/sample"}, `invalid --layout "neato"`},
		{[]string{"graph", "-n", "../../testdata/sample"}, "--allow-non-restored-state needs --savepoint"},
		{[]string{"graph", "--job", "Nope", "../../testdata/sample"}, `no job "Nope" in the sources`},
		{[]string{"graph", "-s", corrupt, "../../testdata/sample"}, "_metadata"},
		{[]string{"graph", "../../testdata/no-such-dir"}, "no-such-dir"},
		{[]string{"graph", "-o", "/nonexistent-dir/graph.svg", "../../testdata/sample"}, "write graph"},
		{[]string{"compat", "--format", "markdown=/nonexistent-dir/r.md", "-s", migrationSavepoint, "../../testdata/migration-job"}, "write markdown report"},
		{[]string{"github-comment"}, "--file is required"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		first, _, _ := strings.Cut(stderr, "\n")
		if code != ExitError || !strings.Contains(first, tc.want) || strings.Contains(stderr, "panic") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q on the first line", tc.args, code, stderr, tc.want)
		}
	}
}

// TestGraphOutcomes: a renamed uid makes its savepoint entry fail (a
// detached node, with a hint edge to the likely owner, which starts empty);
// with -n the entry is dropped instead. Every status reads as text.
func TestGraphOutcomes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := migrationJob(`"CheckpointingKeyedStateFlatMap2"`, `"renamed-flatmap"`)
	if err := os.WriteFile(filepath.Join(dir, "MigrationJob.java"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args    []string
		entry   string // the status of the detached entry
		verdict string
	}{
		{nil, "▶ FAILS", "FAILS"},
		{[]string{"-n"}, "▶ DROPPED with -n", "OK with state dropped (-n)"},
	} {
		args := append([]string{"graph", "--format", "dot", "-s", migrationSavepoint, dir}, tc.args...)
		code, dot, stderr := runCLI(t, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		detached := regexp.MustCompile(`(?s)subgraph cluster_j0_detached \{(.*?)\n  \}`).FindStringSubmatch(dot)
		if detached == nil || !strings.Contains(detached[1], "id: dab25811652d3d4983a30c6e4afacb1c") || !strings.Contains(detached[1], tc.entry) {
			t.Errorf("%v: want the renamed flatMap's entry detached with %q:\n%s", args, tc.entry, dot)
		}
		if !regexp.MustCompile(`uid: renamed-flatmap\\n[^"]*▶ STARTS EMPTY"`).MatchString(dot) {
			t.Errorf("%v: the renamed operator should start empty:\n%s", args, dot)
		}
		if !strings.Contains(dot, `label="job com.example.migration.MigrationJob#main: `+tc.verdict+`"`) {
			t.Errorf("%v: verdict %q not in the job title", args, tc.verdict)
		}
	}
}

// TestGraphLikelyOwner: a KafkaSource whose uid changed gets a hint edge
// from the savepoint entry that is likely its old state.
func TestGraphLikelyOwner(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := strings.Replace(kafkaJob(true), "kafka-source-operator-uid", "kafka-orders", 1)
	if err := os.WriteFile(filepath.Join(dir, "KafkaJob.java"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	code, dot, stderr := runCLI(t, "graph", "--format", "dot", "-s", kafkaSavepoint, dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`j0s\d+ -> j0n0 \[label="likely its state \(uid changed\)", style=dashed`).MatchString(dot) {
		t.Errorf("no hint edge from the entry to the renamed source:\n%s", dot)
	}
}
