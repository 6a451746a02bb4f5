package com.acme;

import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

// JUnit 5: test and lifecycle methods build jobs that run on a MiniCluster
// and are never resumed from a savepoint.
class EnrichmentTest {
    private StreamExecutionEnvironment env;

    @BeforeEach
    void setUp() {
        env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 1).keyBy(v -> v).sum(0);
    }

    @Test
    void enriches() throws Exception {
        List<String> out = Enrichment.enrich(env.fromSequence(0, 9).map(String::valueOf)).executeAndCollect(10);
    }

    @ParameterizedTest
    void dedups(int n) throws Exception {
        Enrichment.dedupForTests(env.fromSequence(0, n).map(String::valueOf)).print();
        env.execute();
    }

    // A main method is a job wherever it lives: runnable examples are
    // often kept under src/test/java.
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).uid("example-numbers").keyBy(v -> v).sum(0); // want "\"sum\" has no uid"
        env.execute();
    }
}
