package com.acme;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class WorkflowsTest {
    @Test
    void runsWorkflow() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Workflows.defineWorkflow(env, workflow -> workflow.keyBy(v -> v).max(0)); // want "\"max\" has no uid"
        env.execute();
    }
}
