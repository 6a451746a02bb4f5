package harness.scenarios.state_ttl_enabled.v2;

import harness.common.Slow;
import harness.common.StateReads;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** TTL is switched on for the existing keyed ValueState "count". */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("state_ttl_enabled");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Counts records per key, with a one-hour TTL. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<Long> descriptor = new ValueStateDescriptor<>("count", Long.class);
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofHours(1)).build());
            count = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            Long previous = count.value();
            StateReads.first("count", ctx.getCurrentKey(), previous != null);
            long next = (previous == null ? 0L : previous) + 1;
            count.update(next);
            out.collect(next);
        }
    }
}
