package com.acme;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.Before;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

// TestNG and JUnit 4 annotations make a test whatever the class is named.
public class LegacyScenarios {
    @Test(groups = "slow")
    public void testNgScenario() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).keyBy(v -> v).sum(0).print();
        env.execute();
    }

    @BeforeMethod
    public void testNgLifecycle() {
        StreamExecutionEnvironment.getExecutionEnvironment().fromSequence(0, 9).keyBy(v -> v).min(0);
    }

    @org.junit.Test
    public void junit4Scenario() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).keyBy(v -> v).max(0).print();
        env.execute();
    }

    @Before
    public void junit4Lifecycle() {
        StreamExecutionEnvironment.getExecutionEnvironment().fromSequence(0, 9).keyBy(v -> v).minBy(0);
    }
}
