package com.acme;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// A job whose source and sink the subclasses choose.
public abstract class EnrichJob {
    protected StreamExecutionEnvironment createPipeline() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = createSource(env);
        writeResults(in.map(String::trim));
        return env;
    }

    protected abstract DataStream<String> createSource(StreamExecutionEnvironment env);

    protected abstract void writeResults(DataStream<String> results);
}
