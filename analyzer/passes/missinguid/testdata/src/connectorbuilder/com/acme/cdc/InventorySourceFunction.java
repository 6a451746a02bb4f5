package com.acme.cdc;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.source.RichSourceFunction;

public class InventorySourceFunction extends RichSourceFunction<String> implements CheckpointedFunction {
    private final String table;
    private final int fetchSize;
    private transient ListState<Long> position;
    private volatile boolean running = true;

    InventorySourceFunction(String table, int fetchSize) {
        this.table = table;
        this.fetchSize = fetchSize;
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        position = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("position", Long.class));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {}

    @Override
    public void run(SourceContext<String> ctx) {}

    @Override
    public void cancel() {
        running = false;
    }
}
