package com.example.orders;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Passes the first order with each id and drops repeats. */
public class DedupFunction extends KeyedProcessFunction<String, String, String> {
    private transient ValueState<Boolean> seen;

    @Override
    public void open(Configuration parameters) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
    }

    @Override
    public void processElement(String order, Context ctx, Collector<String> out) throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            out.collect(order);
        }
    }
}
