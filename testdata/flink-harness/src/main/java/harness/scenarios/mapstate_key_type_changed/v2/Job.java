package harness.scenarios.mapstate_key_type_changed.v2;

import harness.common.Slow;
import harness.common.StateReads;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** The keyed MapState "buckets" changes its map key type from Long to String. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("mapstate_key_type_changed");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Counts records per key and bucket in a MapState. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient MapState<String, Long> buckets;

        @Override
        public void open(OpenContext context) {
            buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", String.class, Long.class));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            String bucket = String.valueOf(value % 3);
            Long previous = buckets.get(bucket);
            StateReads.first("buckets", ctx.getCurrentKey(), !buckets.isEmpty());
            long next = (previous == null ? 0L : previous) + 1;
            buckets.put(bucket, next);
            out.collect(next);
        }
    }
}
