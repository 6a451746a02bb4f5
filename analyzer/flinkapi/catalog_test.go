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

// TestEnvSource: an environment source method takes its statefulness from
// the catalog when the catalog decides it, else from the Methods row.
func TestEnvSource(t *testing.T) {
	t.Parallel()
	cat, err := NewCatalog([]CatalogEntry{{Match: "StreamExecutionEnvironment.socketTextStream", Role: "source", Stateful: "true", Reason: "declared"}})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := cat.EnvSource("fromParallelCollection"); m.Stateful != "false" || !strings.Contains(m.Reason, "creates FromSplittableIteratorFunction") {
		t.Errorf("fromParallelCollection is not judged from bytecode: %+v", m)
	}
	// fromCollection's overloads create a stateful and a stateless
	// function, so the catalog leaves it undecided and the row stands.
	if m, _ := cat.EnvSource("fromCollection"); m.Stateful != "true" || strings.Contains(m.Reason, "creates") {
		t.Errorf("fromCollection: %+v", m)
	}
	if m, _ := cat.EnvSource("socketTextStream"); m.Stateful != "true" || m.Reason != "declared" {
		t.Errorf("own entry lost: %+v", m)
	}
	if m, _ := cat.EnvSource("addSource"); m.Stateful != "function" {
		t.Errorf("addSource: %+v", m)
	}
	if _, ok := cat.EnvSource("map"); ok {
		t.Error("map is not an environment source")
	}
}

// TestConnectorVerdicts spot-checks the bytecode verdicts of connector
// artifacts against what each connector is known to keep in a savepoint.
func TestConnectorVerdicts(t *testing.T) {
	t.Parallel()
	cat, err := NewCatalog(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, stateful, reason, parts, from string
	}{
		// Doris 24 is a Sink V2 with writer state (its label prefixes) and
		// a committer of pre-committed stream loads; Doris 1.4 the same
		// through Sink V1: the releases agree.
		{"org.apache.doris.flink.sink.DorisSink", "true", "keeps writer state", "Writer,Committer", "flink-doris-connector-1.20:24.0.1"},
		{"DorisSink.builder", "true", "DorisSink.Builder.build() creates DorisSink", "Writer,Committer", "flink-doris-connector"},
		// StarRocks' exactly-once Sink V2 and its legacy sink function,
		// which keeps pending transactions in list state.
		{"com.starrocks.connector.flink.table.sink.v2.StarRocksSink", "true", "writer state", "Writer,Committer", "flink-connector-starrocks"},
		{"com.starrocks.connector.flink.table.sink.StarRocksDynamicSinkFunctionV2", "true", "initializeState registers state (getListState)", "", "flink-connector-starrocks"},
		// Paimon's FlinkSinkBuilder.build() wires writer and committer
		// operators through factories in other classes: not stateless.
		{"org.apache.paimon.flink.sink.FlinkSinkBuilder", "unknown", "adds operators to the pipeline itself", "", "paimon-flink-1.20"},
		{"org.apache.paimon.flink.sink.CommitterOperator", "true", "registers state", "", "paimon-flink"},
		// A legacy SourceFunction in Paimon 0.8, a FLIP-27 source in 1.3.
		{"org.apache.paimon.flink.service.QueryFileMonitor", "unknown", "the releases or classes of this name differ", "", "paimon-flink-1.18:0.8.2"},
		// AsyncSinkBase buffers unsent requests as writer state.
		{"org.apache.flink.connector.dynamodb.sink.DynamoDbSink", "true", "keeps writer state", "Writer", "flink-connector-dynamodb"},
		{"org.apache.flink.connector.firehose.sink.KinesisFirehoseSink", "true", "keeps writer state", "Writer", "flink-connector-aws-kinesis-firehose"},
		// The OpenSearch sinks flush on checkpoint and keep nothing.
		{"org.apache.flink.connector.opensearch.sink.OpensearchSink", "false", "without writer state or committer", "Writer", "flink-connector-opensearch:"},
		{"org.apache.flink.streaming.connectors.opensearch.OpensearchSink", "false", "registers no state", "", "flink-connector-opensearch:"},
		// Fluss reads through FLIP-27 and writes without writer state.
		{"com.alibaba.fluss.flink.source.FlussSource", "true", "FLIP-27", "", "fluss-flink-1.20:0.7.0"},
		{"org.apache.fluss.flink.sink.FlussSink", "false", "without writer state or committer", "Writer", "fluss-flink-1.20:0.9.1"},
		// A CDC builder's build() yields a DebeziumSourceFunction.
		{"org.apache.flink.cdc.connectors.oracle.OracleSource.builder", "true", "DebeziumSourceFunction", "", "flink-connector-oracle-cdc"},
		// Bahir's KuduSink implements CheckpointedFunction only to flush.
		{"org.apache.flink.connectors.kudu.streaming.KuduSink", "false", "registers no state", "", "flink-connector-kudu"},
		{"org.apache.flink.connector.kafka.sink.KafkaSink", "true", "writer state", "Writer,Committer", "flink-connector-kafka:4.0.1-2.0"},
	} {
		e, ok := cat.Lookup(c.name)
		if !ok || e.Stateful != c.stateful || !strings.Contains(e.Reason, c.reason) || strings.Join(e.Parts, ",") != c.parts ||
			!strings.Contains(strings.Join(e.From, " "), c.from) {
			t.Errorf("%s: got %+v\nwant stateful %s, reason ~%q, parts %q, from ~%q", c.name, e, c.stateful, c.reason, c.parts, c.from)
		}
	}
}
