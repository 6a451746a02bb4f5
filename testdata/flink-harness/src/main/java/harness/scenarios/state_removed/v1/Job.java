package harness.scenarios.state_removed.v1;

import harness.common.Slow;
import harness.common.StateReads;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** The keyed operator drops its ValueState "last" and keeps "count"; Flink restores without complaint and "last" is never read again. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("state_removed");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Counts records per key and keeps the last record. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> count;
        private transient ValueState<Long> last;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Long.class));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            Long previous = count.value();
            StateReads.first("count", ctx.getCurrentKey(), previous != null);
            StateReads.first("last", ctx.getCurrentKey(), last.value() != null);
            long next = (previous == null ? 0L : previous) + 1;
            count.update(next);
            last.update(value);
            out.collect(next);
        }
    }
}
