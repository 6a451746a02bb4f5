package harness.scenarios.pojo_list_field_kept.v1;

import harness.scenarios.pojo_list_field_kept.model.Event;
import harness.common.Slow;
import harness.common.StateReads;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** The POJO held in keyed ValueState "event" has a List<String> field; nothing changes. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("pojo_list_field_kept");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Counts records per key in a POJO. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Event> event;

        @Override
        public void open(OpenContext context) {
            event = getRuntimeContext().getState(new ValueStateDescriptor<>("event", Event.class));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            Event previous = event.value();
            StateReads.first("event", ctx.getCurrentKey(), previous != null);
            Event next = new Event();
            next.count = (previous == null ? 0L : previous.count) + 1;
            next.seen.add(Long.toString(value));
            event.update(next);
            out.collect(next.count);
        }
    }
}
