package harness.scenarios.window_key_type_changed.v1;

import harness.common.Slow;
import java.time.Duration;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;

/** A window's key selector lambda changes the key type from Long to String. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("window_key_type_changed");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .window(TumblingProcessingTimeWindows.of(Duration.ofSeconds(60)))
                .reduce(new Sum()).uid("window")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Sums a window's numbers. */
    public static class Sum implements ReduceFunction<Long> {
        @Override
        public Long reduce(Long a, Long b) {
            return a + b;
        }
    }
}
