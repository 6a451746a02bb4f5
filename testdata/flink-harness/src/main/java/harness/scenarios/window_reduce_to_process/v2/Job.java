package harness.scenarios.window_reduce_to_process.v2;

import harness.common.Slow;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** A window's reduce becomes a process function: its contents change from a reduced value to a list. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("window_reduce_to_process");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .window(TumblingProcessingTimeWindows.of(Duration.ofSeconds(60)))
                .process(new Last()).uid("window")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Emits a window's last number. */
    public static class Last extends ProcessWindowFunction<Long, Long, Long, TimeWindow> {
        @Override
        public void process(Long key, Context ctx, Iterable<Long> in, Collector<Long> out) {
            Long last = null;
            for (Long v : in) {
                last = v;
            }
            out.collect(last);
        }
    }
}
