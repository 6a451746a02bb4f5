package harness.scenarios.enum_constant_added.v1;

import harness.scenarios.enum_constant_added.model.Level;
import harness.common.Slow;
import harness.common.StateReads;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** An enum constant is added to the enum held in keyed ValueState "level"; the enum keeps its name. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("enum_constant_added");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Keeps the level of each key's last record. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Level> level;

        @Override
        public void open(OpenContext context) {
            level = getRuntimeContext().getState(new ValueStateDescriptor<>("level", Level.class));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            Level previous = level.value();
            StateReads.first("level", ctx.getCurrentKey(), previous != null);
            level.update(Level.values()[(int) (value % 2)]);
            out.collect(value);
        }
    }
}
