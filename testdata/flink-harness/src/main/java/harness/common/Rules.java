package harness.common;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/** Broadcast state: the latest rule per key, applied to every record. */
public class Rules extends BroadcastProcessFunction<Long, Long, Long> {
    public static final MapStateDescriptor<Long, Long> RULES =
            new MapStateDescriptor<>("rules", Types.LONG, Types.LONG);

    @Override
    public void processElement(Long value, ReadOnlyContext ctx, Collector<Long> out) throws Exception {
        Long factor = ctx.getBroadcastState(RULES).get(value % 4);
        out.collect(factor == null ? value : value * factor);
    }

    @Override
    public void processBroadcastElement(Long value, Context ctx, Collector<Long> out) throws Exception {
        ctx.getBroadcastState(RULES).put(value % 4, value);
    }
}
