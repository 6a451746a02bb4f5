package harness.scenarios.record_field_added.v1;

import harness.scenarios.record_field_added.model.Reading;
import harness.common.Slow;
import harness.common.StateReads;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** The Java record held in keyed ValueState "reading" gains a component; the record keeps its name. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("record_field_added");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Counts records per key in a record. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Reading> reading;

        @Override
        public void open(OpenContext context) {
            reading = getRuntimeContext().getState(new ValueStateDescriptor<>("reading", Reading.class));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            Reading previous = reading.value();
            StateReads.first("reading", ctx.getCurrentKey(), previous != null);
            long next = (previous == null ? 0L : previous.count()) + 1;
            reading.update(new Reading(next));
            out.collect(next);
        }
    }
}
