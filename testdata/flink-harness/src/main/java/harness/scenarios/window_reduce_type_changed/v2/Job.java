package harness.scenarios.window_reduce_type_changed.v2;

import harness.common.Slow;
import java.time.Duration;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;

/** The reduced value of a window changes from Long to String; the key stays Long. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("window_reduce_type_changed");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .map(new Text()).uid("text")
                .keyBy(new Bucket())
                .window(TumblingProcessingTimeWindows.of(Duration.ofSeconds(60)))
                .reduce(new Longer()).uid("window")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Writes a number as text. */
    public static class Text implements MapFunction<Long, String> {
        @Override
        public String map(Long v) {
            return Long.toString(v);
        }
    }

    /** Keys text by the number it spells, modulo 8. */
    public static class Bucket implements KeySelector<String, Long> {
        @Override
        public Long getKey(String s) {
            return Long.parseLong(s) % 8;
        }
    }

    /** Keeps the longer text of a window. */
    public static class Longer implements ReduceFunction<String> {
        @Override
        public String reduce(String a, String b) {
            return a.length() >= b.length() ? a : b;
        }
    }
}
