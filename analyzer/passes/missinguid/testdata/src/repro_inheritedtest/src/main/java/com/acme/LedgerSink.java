package com.acme;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;

// A Sink V2 with writer state and a committer.
public class LedgerSink implements Sink<String>, SupportsWriterState<String, String>, SupportsCommitter<String> {
    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) {
        return null;
    }
}
