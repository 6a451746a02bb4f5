package com.acme;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// A shared test base (*TestBase) and a *Tests class.
public abstract class PipelineTestBase {
    protected void runKeyed() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).keyBy(v -> v).sum(0).print();
        env.execute();
    }

    static class NestedTests {
        void run() {
            StreamExecutionEnvironment.getExecutionEnvironment().fromSequence(0, 9).keyBy(v -> v).max(0);
        }
    }
}
