package harness.common;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed state: a running count per key, so every savepoint carries keyed state for this operator. */
public class CountPerKey extends KeyedProcessFunction<Long, Long, Long> {
    private transient ValueState<Long> count;

    @Override
    public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
        if (count == null) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
        }
        long next = (count.value() == null ? 0L : count.value()) + 1;
        count.update(next);
        out.collect(next);
    }
}
