package fixshapes.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/** A keyed map that numbers the records of each key (ValueState); generic over the record type. */
public class CountingMap<T> extends RichMapFunction<T, String> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext openContext) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public String map(T value) throws Exception {
        Long c = count.value();
        long next = (c == null ? 0 : c) + 1;
        count.update(next);
        return next + ": " + value;
    }
}
