package analyzertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// GenerateJobs writes files synthetic Flink job files under dir, in
// directories of 100, for benchmarks: each a main method with a Kafka
// source, keyed state, windows, a join, async I/O and sinks, plus a nested
// stateful function, some operators with uids and some without. It returns
// the number of bytes written.
func GenerateJobs(dir string, files int) (int64, error) {
	var total int64
	for i := range files {
		pkg := fmt.Sprintf("gen.p%03d", i/100)
		name := fmt.Sprintf("Job%05d", i)
		src := jobSource(pkg, name, i)
		p := filepath.Join(dir, strings.ReplaceAll(pkg, ".", string(filepath.Separator)), name+".java")
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			return total, fmt.Errorf("generate jobs: %w", err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			return total, fmt.Errorf("generate jobs: %w", err)
		}
		total += int64(len(src))
	}
	return total, nil
}

func jobSource(pkg, name string, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `package %s;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * Generated job number %d for benchmarks. It reads events, deduplicates them
 * per key, aggregates them in windows, joins two streams and writes results.
 */
public class %s {
    private static final String PREFIX = "job-%d";
    private static final String SOURCE_UID = PREFIX + "-source";

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        env.enableCheckpointing(60_000);
        KafkaSource<String> source = KafkaSource.<String>builder()
            .setBootstrapServers("kafka:9092")
            .setTopics("events-%d")
            .setGroupId("group-%d")
            .build();
        DataStream<String> events = env
            .fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), "events")
            .uid(SOURCE_UID)
            .name("events");
`, pkg, i, name, i, i, i)
	for k := range 4 {
		uid := ""
		if k%3 != 0 {
			uid = fmt.Sprintf(".uid(PREFIX + \"-stage-%d\")", k)
		}
		fmt.Fprintf(&b, `
        // Stage %d: clean, deduplicate and count per key.
        SingleOutputStreamOperator<String> cleaned%d = events
            .filter(e -> e != null && !e.isEmpty())
            .map(e -> e.trim().toLowerCase())
            .name("clean-%d");
        SingleOutputStreamOperator<String> dedup%d = cleaned%d
            .keyBy(e -> e.substring(0, Math.min(4, e.length())))
            .flatMap(new Dedup())%s
            .name("dedup-%d");
        dedup%d.keyBy(e -> e.length() %% 16)
            .window(TumblingEventTimeWindows.of(Duration.ofMinutes(%d)))
            .reduce((a, b) -> a.length() >= b.length() ? a : b)
            .uid(PREFIX + "-window-%d")
            .print();
`, k, k, k, k, k, uid, k, k, k+1, k)
	}
	fmt.Fprintf(&b, `
        DataStream<String> enriched = AsyncDataStream.unorderedWait(dedup0, null, 1, TimeUnit.SECONDS, 100)
            .uid(PREFIX + "-enrich");
        enriched.join(dedup1)
            .where(e -> e)
            .equalTo(e -> e)
            .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
            .apply((a, b) -> a + b)
            .uid(PREFIX + "-join")
            .sinkTo(KafkaSink.<String>builder().setBootstrapServers("kafka:9092").build())
            .uid(PREFIX + "-sink");
        env.execute("generated job %d");
    }

    /** Keeps one flag per key so that each event passes once. */
    static class Dedup extends RichFlatMapFunction<String, String> {
        private transient ValueState<Boolean> seen;

        @Override
        public void open(Configuration parameters) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        }

        @Override
        public void flatMap(String value, Collector<String> out) throws Exception {
            if (seen.value() == null) {
                seen.update(true);
                out.collect(value);
            }
        }
    }
}
`, i)
	return b.String()
}
