package com.acme;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.util.MiniClusterWithClientResource;
import org.junit.ClassRule;

// A *ITCase class with a MiniCluster: its helpers are test code even
// without a test annotation.
public class WordCountITCase {
    @ClassRule
    public static final MiniClusterWithClientResource CLUSTER = new MiniClusterWithClientResource(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).build());

    void runWordCount() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromElements("a b", "b c").flatMap(new Tokenizer()).keyBy(t -> t).sum(1).print();
        env.execute();
    }
}
