package harness.scenarios.avro_specific_compatible.v2;

import harness.scenarios.avro_specific_compatible.model.Tally;
import harness.common.Slow;
import harness.common.StateReads;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** The Avro specific record held in keyed ValueState "tally" gains a field with a default; the class keeps its name. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("avro_specific_compatible");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Counts records per key in an Avro specific record. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Tally> tally;

        @Override
        public void open(OpenContext context) {
            tally = getRuntimeContext().getState(new ValueStateDescriptor<>("tally", Tally.class));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            Tally previous = tally.value();
            StateReads.first("tally", ctx.getCurrentKey(), previous != null);
            Tally next = new Tally();
            next.count = (previous == null ? 0L : previous.count) + 1;
            next.note = "v2";
            tally.update(next);
            out.collect(next.count);
        }
    }
}
