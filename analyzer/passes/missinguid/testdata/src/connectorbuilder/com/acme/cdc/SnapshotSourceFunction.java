package com.acme.cdc;

import org.apache.flink.streaming.api.functions.source.RichSourceFunction;

public class SnapshotSourceFunction extends RichSourceFunction<String> {
    private final String table;

    SnapshotSourceFunction(String table) {
        this.table = table;
    }

    @Override
    public void run(SourceContext<String> ctx) {}

    @Override
    public void cancel() {}
}
