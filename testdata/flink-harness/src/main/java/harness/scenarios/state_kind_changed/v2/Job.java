package harness.scenarios.state_kind_changed.v2;

import harness.common.Slow;
import harness.common.StateReads;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** The keyed state "count" changes kind from ValueState to ListState under the same name. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("state_kind_changed");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Counts records per key. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient ListState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getListState(new ListStateDescriptor<>("count", Long.class));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            long total = 0;
            for (Long v : count.get()) {
                total += v;
            }
            StateReads.first("count", ctx.getCurrentKey(), total != 0);
            count.add(1L);
            out.collect(total + 1);
        }
    }
}
