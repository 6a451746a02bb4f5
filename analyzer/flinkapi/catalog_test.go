package flinkapi

import (
	"strings"
	"testing"
)

// TestGeneratedVerdicts checks verdicts of the bytecode catalog against
// what docs/flink-internals.md §5 says Flink's operators keep, and the
// cases of issue #16.
func TestGeneratedVerdicts(t *testing.T) {
	cat, err := NewCatalog(nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"org.apache.flink.streaming.api.functions.source.FromSplittableIteratorFunction":               "false",
		"org.apache.flink.streaming.api.functions.source.ContinuousFileReaderOperatorFactory":          "true",
		"org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.fromParallelCollection": "false",
		"JdbcSink.sink":                   "false",
		"JdbcSink.exactlyOnceSink":        "true",
		"PostgreSQLSource":                "true",
		"WindowOperator":                  "true",
		"EvictingWindowOperator":          "true",
		"AsyncWaitOperator":               "true",
		"CepOperator":                     "true",
		"IntervalJoinOperator":            "true",
		"StreamGroupedReduceOperator":     "true",
		"CoBroadcastWithNonKeyedOperator": "true",
		"CollectSinkFunction":             "true",
		"TimestampsAndWatermarksOperator": "false",
		"org.apache.flink.streaming.api.operators.ProcessOperator": "false",
		"KafkaSource":                "true",
		"KafkaSink":                  "true",
		"FileSink":                   "true",
		"PrintSink":                  "false",
		"FlinkKafkaConsumer":         "true",
		"TwoPhaseCommitSinkFunction": "true",
		"StreamingFileSink":          "true",
	} {
		e, ok := cat.Lookup(name)
		if !ok || e.Stateful != want {
			t.Errorf("%s: got %q (%s), want %s", name, e.Stateful, e.Reason, want)
		}
	}
	if e, _ := cat.Lookup("KafkaSink"); strings.Join(e.Parts, ",") != "Writer,Committer" || e.Origin != OriginBytecode || len(e.From) == 0 {
		t.Errorf("KafkaSink: %+v", e)
	}
}

// TestLookupPrecedence: the project's entries win over hand-written ones,
// which win over generated ones; unknown names are not found.
func TestLookupPrecedence(t *testing.T) {
	cat, err := NewCatalog([]CatalogEntry{{Match: "KafkaSink", Role: "sink", Stateful: "false", Reason: "declared", Origin: "x.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := cat.Lookup("org.apache.flink.connector.kafka.sink.KafkaSink"); e.Origin != "x.yaml" {
		t.Errorf("own entry lost to %+v", e)
	}
	if e, _ := cat.Lookup("JdbcSink"); e.Origin != OriginHandWritten || e.Why == "" {
		t.Errorf("JdbcSink: %+v", e)
	}
	if _, ok := cat.Lookup("com.example.NoSuchFunction"); ok {
		t.Error("unknown class found")
	}
	if len(GeneratedArtifacts()) < 30 {
		t.Errorf("%d artifacts", len(GeneratedArtifacts()))
	}
}
