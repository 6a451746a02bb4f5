package harness.scenarios.broadcast_value_type_changed.v2;

import harness.common.Slow;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** The broadcast MapState "rules" changes its value type from Long to String. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("broadcast_value_type_changed");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        BroadcastStream<Long> rules = env.fromSequence(0, Long.MAX_VALUE).uid("rule-source")
                .map(new Slow()).uid("rule-slow")
                .broadcast(RULES);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .connect(rules)
                .process(new Rules()).uid("rules")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** The broadcast rules: the latest rule per bucket. */
    public static final MapStateDescriptor<Long, String> RULES =
            new MapStateDescriptor<>("rules", Types.LONG, Types.STRING);

    /** Applies the latest rule for a record's bucket. */
    public static class Rules extends BroadcastProcessFunction<Long, Long, Long> {
        @Override
        public void processElement(Long value, ReadOnlyContext ctx, Collector<Long> out) throws Exception {
            String factor = ctx.getBroadcastState(RULES).get(value % 4);
            Long rule = (factor == null ? null : Long.valueOf(factor));
            out.collect(rule == null ? value : value * rule);
        }

        @Override
        public void processBroadcastElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            ctx.getBroadcastState(RULES).put(value % 4, String.valueOf(value));
        }
    }
}
