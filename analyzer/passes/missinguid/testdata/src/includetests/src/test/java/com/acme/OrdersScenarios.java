package com.acme;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.testng.annotations.Test;

public class OrdersScenarios {
    @Test
    public void scenario() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).uid("scenario").keyBy(v -> v).max(0).print(); // want "\"max\" has no uid"
        env.execute();
    }
}
