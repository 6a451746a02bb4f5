package pipeline_test

import (
	"fmt"
	"go/token"
	"slices"
	"testing"
)

// A job lists one operator per call per path that really creates one:
// a stream kept in a field, initialised once or created lazily, is one
// operator however often it is read; a helper called twice, or a lambda
// run twice, creates two (issue #16, repeated entries).
const repeatedJob = `package rep;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
public class Ledger {
    private final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    private final DataStream<Long> entries = env.fromSequence(0, 10).uid("entries");
    private DataStream<Long> corrections;

    public static void main(String[] args) throws Exception {
        Ledger l = new Ledger();
        l.balances();
        l.maxima();
        l.dedupe(l.entries);
        l.dedupe(l.entries);
        l.both(s -> s.keyBy(v -> v).min(0));
        l.corrections().print();
        l.corrections().print();
        l.env.execute();
    }

    void balances() { entries.keyBy(v -> v).sum(0).uid("balances"); }
    void maxima() { entries.keyBy(v -> v).max(0).uid("maxima"); }
    void dedupe(DataStream<Long> in) { in.keyBy(v -> v).reduce((a, b) -> a); }
    void both(Consumer<DataStream<Long>> step) { step.accept(entries); step.accept(corrections()); }
    DataStream<Long> corrections() {
        if (corrections == null) {
            corrections = env.fromSequence(0, 1).uid("corrections");
        }
        return corrections;
    }
}
`

func TestRepeatedEntries(t *testing.T) {
	t.Parallel()
	m := build(t, map[string]string{"rep/Ledger.java": repeatedJob})
	if len(m.Jobs) != 1 {
		t.Fatalf("got %d jobs, want 1", len(m.Jobs))
	}
	byCall := map[string]map[token.Pos]int{}
	for _, op := range m.Jobs[0].Operators {
		if byCall[op.Call] == nil {
			byCall[op.Call] = make(map[token.Pos]int)
		}
		byCall[op.Call][op.Pos]++
	}
	want := map[string]string{
		"fromSequence": "[1 1]", // entries, corrections: one each
		"sum":          "[1]",
		"max":          "[1]",
		"reduce":       "[2]", // dedupe called twice
		"min":          "[2]", // the lambda runs twice
		"print":        "[1 1]",
	}
	for call, w := range want {
		var counts []int
		for _, n := range byCall[call] {
			counts = append(counts, n)
		}
		slices.Sort(counts)
		if got := fmt.Sprint(counts); got != w {
			t.Errorf("%s: operators per call site %s, want %s", call, got, w)
		}
	}
}

// TestLambdaRunTwiceHasTwoPaths: the operators of a lambda run twice by
// one helper are reached through two paths, so that no rule takes them
// for one operator (a constant uid on it would collide).
func TestLambdaRunTwiceHasTwoPaths(t *testing.T) {
	t.Parallel()
	m := build(t, map[string]string{"rep/Ledger.java": repeatedJob})
	paths := map[string]bool{}
	for _, op := range m.Jobs[0].Operators {
		if op.Call == "min" {
			paths[fmt.Sprint(op.Via)] = true
		}
	}
	if len(paths) != 2 {
		t.Errorf("min is reached through %d distinct paths, want 2", len(paths))
	}
}
