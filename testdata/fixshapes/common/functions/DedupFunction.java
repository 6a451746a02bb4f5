package fixshapes.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Forwards the first record of each key within an hour; generic over key and record (ValueState + timer). */
public class DedupFunction<K, T> extends KeyedProcessFunction<K, T, T> {
    private transient ValueState<Boolean> seen;

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 3_600_000L);
            out.collect(value);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) {
        seen.clear();
    }
}
