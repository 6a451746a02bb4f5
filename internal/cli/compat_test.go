package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/output"
)

// migrationSavepoint was written by Flink 1.16 (RocksDB, canonical) for a job
// of this shape: two pipelines source(uid) → keyBy → flatMap(uid) → keyBy →
// process(uid) → addSink (no uid), max parallelism 4, parallelism 4 (1 for
// the sources). See testdata/savepoints/PROVENANCE.md.
const migrationSavepoint = "../../testdata/savepoints/new-stateful-udf-flink1.16-rocksdb-savepoint"

// kafkaSavepoint holds a KafkaSource with uid kafka-source-operator-uid and
// enumerator (coordinator) state, written by Flink 1.16–1.20.
const kafkaSavepoint = "../../testdata/savepoints/kafka-source-enum1-split0-savepoint"

// migrationJob is testdata/migration-job/MigrationJob.java, the job behind
// migrationSavepoint, with substitutions such as a renamed uid.
func migrationJob(replace ...string) string {
	src, err := os.ReadFile("../../testdata/migration-job/MigrationJob.java")
	if err != nil {
		panic(err) // the file is part of the repository
	}
	return strings.NewReplacer(replace...).Replace(string(src))
}

func kafkaJob(withSource bool) string {
	src := `package com.example.kafka;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class KafkaJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaSource<String> source = KafkaSource.<String>builder().setTopics("t").build();
        %s
        env.execute();
    }
}
`
	if withSource {
		return strings.Replace(src, "%s", `env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka").uid("kafka-source-operator-uid").print();`, 1)
	}
	return strings.Replace(src, "%s", `env.fromSequence(0, 10).uid("numbers").print();`, 1)
}

func TestCompatScenarios(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		savepoint string
		java      string
		args      []string
		verdict   string
		exit      ExitCode
		inOutput  string
	}{
		{name: "all uids present", savepoint: migrationSavepoint, java: migrationJob(), verdict: "OK", exit: ExitOK},
		{
			name: "stateful uid renamed", savepoint: migrationSavepoint,
			java:    migrationJob(`"CheckpointingKeyedStateFlatMap1"`, `"counts-v2"`),
			verdict: "FAILS", exit: ExitFindings, inOutput: "Cannot map checkpoint/savepoint state for operator d5c8b168c6cbfe8c507a10f88b325243",
		},
		{
			name: "stateful uid renamed with -n", savepoint: migrationSavepoint,
			java: migrationJob(`"CheckpointingKeyedStateFlatMap1"`, `"counts-v2"`), args: []string{"-n"},
			verdict: "OK with state dropped (-n)", exit: ExitFindings, inOutput: `"outcome": "dropped"`,
		},
		{
			name: "renamed uid re-attached with setUidHash", savepoint: migrationSavepoint,
			java:    migrationJob(`.uid("CheckpointingKeyedStateFlatMap1")`, `.uid("counts-v2").setUidHash("d5c8b168c6cbfe8c507a10f88b325243")`),
			verdict: "OK", exit: ExitOK, inOutput: `"matched_by": "uid-hash"`,
		},
		{
			name: "explicit max parallelism changed", savepoint: migrationSavepoint,
			java:    migrationJob("env.setMaxParallelism(4);", "env.setMaxParallelism(8);"),
			verdict: "FAILS", exit: ExitFindings, inOutput: "Max parallelism mismatch",
		},
		{
			name: "max parallelism not set in code", savepoint: migrationSavepoint,
			java:    migrationJob("env.setMaxParallelism(4);", ""),
			verdict: "OK", exit: ExitOK,
		},
		{
			name: "parallelism above the saved max parallelism", savepoint: migrationSavepoint,
			java: migrationJob("env.setParallelism(4);", ""), args: []string{"-p", "8"},
			verdict: "FAILS", exit: ExitFindings, inOutput: "lower than the configured parallelism (8)",
		},
		{
			name: "stateless sink removed", savepoint: migrationSavepoint,
			java:    migrationJob(".uid(\"CheckpointingTimelyStatefulOperator2\")\n                .addSink(new DiscardingSink<>());", ".uid(\"CheckpointingTimelyStatefulOperator2\");"),
			verdict: "OK", exit: ExitOK, inOutput: `"outcome": "skipped"`,
		},
		{
			name: "stateless sink removed, last-state route", savepoint: migrationSavepoint,
			java:    migrationJob(".uid(\"CheckpointingTimelyStatefulOperator2\")\n                .addSink(new DiscardingSink<>());", ".uid(\"CheckpointingTimelyStatefulOperator2\");"),
			args:    []string{"--route", "last-state", "-n"},
			verdict: "FAILS", exit: ExitFindings, inOutput: "There is no operator for the state 06d8049845c382d79d17d43c9ef349f7",
		},
		{
			name: "duplicate uid", savepoint: migrationSavepoint,
			java:    migrationJob(`"CheckpointingKeyedStateFlatMap2"`, `"CheckpointingKeyedStateFlatMap1"`),
			verdict: "FAILS", exit: ExitFindings, inOutput: `Hash collision on user-specified ID \"CheckpointingKeyedStateFlatMap1\"`,
		},
		{name: "kafka source kept", savepoint: kafkaSavepoint, java: kafkaJob(true), verdict: "OK", exit: ExitOK},
		{
			name: "source with coordinator state removed", savepoint: kafkaSavepoint, java: kafkaJob(false),
			verdict: "FAILS", exit: ExitFindings, inOutput: "operator cb16aa5adb311e8ac72482def19accbe",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "Job.java"), []byte(tc.java), 0o600); err != nil {
				t.Fatal(err)
			}
			sp, err := filepath.Abs(tc.savepoint)
			if err != nil {
				t.Fatal(err)
			}
			ios, stdout, stderr := Test()
			args := append([]string{"compat", "--format", "json", "--savepoint", sp, dir}, tc.args...)
			code := Run(context.Background(), ios, args)
			var rep output.CompatReport
			if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
				t.Fatalf("exit %d, output is not JSON: %v\nstdout:\n%s\nstderr:\n%s", code, err, stdout, stderr)
			}
			if rep.Verdict != tc.verdict || code != tc.exit {
				t.Errorf("verdict %q exit %d, want %q exit %d\nfailures %q\nunknowns %q", rep.Verdict, code, tc.verdict, tc.exit, rep.Failures, rep.Unknowns)
			}
			if tc.inOutput != "" && !strings.Contains(stdout.String(), tc.inOutput) {
				t.Errorf("output does not contain %q:\n%s", tc.inOutput, stdout)
			}
		})
	}
}

// compat --manifest predicts from a committed uid manifest instead of
// sources: definite when every operator has a uid, UNKNOWN otherwise.
func TestCompatFromManifest(t *testing.T) {
	sp, err := filepath.Abs(migrationSavepoint)
	if err != nil {
		t.Fatal(err)
	}
	sink := ".addSink(new DiscardingSink<>());"
	pinSinks := func(src string) string {
		src = strings.Replace(src, sink, `.addSink(new DiscardingSink<>()).uid("sink-1");`, 1)
		return strings.Replace(src, sink, `.addSink(new DiscardingSink<>()).uid("sink-2");`, 1)
	}
	cases := []struct {
		name    string
		java    string
		verdict string
	}{
		{"unchanged", migrationJob(), "OK"},
		{"renamed, sinks without uid", migrationJob(`"CheckpointingKeyedStateFlatMap1"`, `"renamed"`), "UNKNOWN"},
		{"renamed, every operator with a uid", pinSinks(migrationJob(`"CheckpointingKeyedStateFlatMap1"`, `"renamed"`)), "FAILS"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if err := os.WriteFile("Job.java", []byte(tc.java), 0o600); err != nil {
				t.Fatal(err)
			}
			ios, stdout, _ := Test()
			if code := Run(context.Background(), ios, []string{"manifest", "."}); code != ExitOK {
				t.Fatalf("manifest: exit %d", code)
			}
			if err := os.WriteFile("uids.lock", stdout.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove("Job.java"); err != nil {
				t.Fatal(err)
			}
			ios, stdout, stderr := Test()
			Run(context.Background(), ios, []string{"compat", "--format", "json", "-s", sp, "--manifest", "uids.lock"})
			var rep output.CompatReport
			if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
				t.Fatalf("not JSON: %v; stderr %s", err, stderr)
			}
			if rep.Verdict != tc.verdict {
				t.Errorf("verdict %q, want %q; failures %q unknowns %q", rep.Verdict, tc.verdict, rep.Failures, rep.Unknowns)
			}
		})
	}
}

// --flink-version and --state-backend are checked before anything is read.
func TestCompatStateFlags(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--flink-version", "2"}, `invalid --flink-version "2"`},
		{[]string{"--flink-version", "two.x"}, `invalid --flink-version "two.x"`},
		{[]string{"--state-backend", "memory"}, `invalid --state-backend "memory"`},
	} {
		code, _, stderr := runCLI(t, append([]string{"compat", "-s", migrationSavepoint}, c.args...)...)
		if code != ExitError || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr, ExitError, c.want)
		}
	}
	for s, want := range map[string]int{"1.20": 120, "2.2.0": 202, "": 0} {
		v, err := parseFlinkVersion(s)
		if err != nil || v.Major*100+v.Minor != want {
			t.Errorf("parseFlinkVersion(%q) = %v, %v", s, v, err)
		}
	}
}

// TestCompatNamesStatesItCouldNotRead: the migration savepoint's state
// files were not kept, so no state description can be read. The uid
// verdict stands, and every entry with state says it was not checked.
func TestCompatNamesStatesItCouldNotRead(t *testing.T) {
	t.Parallel()
	code, stdout, _ := runCLI(t, "compat", "--format", "json", "-s", migrationSavepoint, "../../testdata/migration-job")
	var res struct {
		Verdict   string   `json:"verdict"`
		Unchecked []string `json:"unchecked"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if code != ExitOK || res.Verdict != "OK" {
		t.Errorf("exit %d, verdict %s; want 0 and OK", code, res.Verdict)
	}
	if len(res.Unchecked) != 6 {
		t.Fatalf("unchecked = %q, want the 6 entries with state", res.Unchecked)
	}
	for _, u := range res.Unchecked {
		if !strings.Contains(u, "not read from the savepoint") || !strings.Contains(u, "could not be opened") {
			t.Errorf("unchecked %q does not say why", u)
		}
	}
}
