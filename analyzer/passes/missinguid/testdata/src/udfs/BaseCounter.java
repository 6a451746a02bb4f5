package udfs;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;

public abstract class BaseCounter<T> extends RichMapFunction<T, T> {
    protected transient ValueState<Long> count;

    @Override
    public void open(Configuration c) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
    }
}
