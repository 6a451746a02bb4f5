package com.acme;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

// Run with IncludeTests (check --include-tests): test jobs are reported.
class OrdersTest {
    @Test
    void totals() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).uid("orders").keyBy(v -> v).sum(0).print(); // want "\"sum\" has no uid"
        env.execute();
    }
}
