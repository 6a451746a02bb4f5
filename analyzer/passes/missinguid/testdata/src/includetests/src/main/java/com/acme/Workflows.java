package com.acme;

import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Main code that a test drives with its own sink: the lambda's operators are
// reported in the test file, where the call that creates them is.
public final class Workflows {
    public static void defineWorkflow(StreamExecutionEnvironment env, Consumer<DataStream<Long>> sinkApplier) {
        DataStream<Long> counted = env.fromSequence(0, 9).uid("workflow-source").keyBy(v -> v).sum(0).uid("workflow-sum");
        sinkApplier.accept(counted);
    }
}
