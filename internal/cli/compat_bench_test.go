package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeLargeJob writes a job of n files: Job.java chains n-1 helper classes,
// each in its own file, adding one operator with a uid.
func writeLargeJob(tb testing.TB, dir string, n int) {
	tb.Helper()
	var chain strings.Builder
	for i := 1; i < n; i++ {
		fmt.Fprintf(&chain, "        s = Step%d.apply(s);\n", i)
		step := fmt.Sprintf(`package com.example.big;

import org.apache.flink.streaming.api.datastream.DataStream;

public final class Step%[1]d {
    public static DataStream<Long> apply(DataStream<Long> in) {
        return in.map(v -> v + %[1]d).uid("step-%[1]d");
    }
}
`, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("Step%d.java", i)), []byte(step), 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	job := fmt.Sprintf(`package com.example.big;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> s = env.fromSequence(0, 10).uid("numbers");
%s        s.keyBy(v -> v).reduce((a, b) -> a + b).uid("total").print().uid("print");
        env.execute();
    }
}
`, chain.String())
	if err := os.WriteFile(filepath.Join(dir, "Job.java"), []byte(job), 0o600); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkCompat1000Files times the whole check: parse a 1,000-file job,
// read the savepoint's _metadata, and decide.
func BenchmarkCompat1000Files(b *testing.B) {
	dir := b.TempDir()
	writeLargeJob(b, dir, 1000)
	ios, _, _ := Test()
	opts := &compatOptions{f: &Factory{IO: ios}, paths: []string{dir}, savepoint: migrationSavepoint, route: "savepoint"}
	b.ResetTimer()
	for b.Loop() {
		res, _, _, err := predict(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.New) < 1000 {
			b.Fatalf("%d operators, want at least 1000", len(res.New))
		}
	}
}
