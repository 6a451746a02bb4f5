package com.acme;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class EnrichJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Enrichment.enrich(env.fromSequence(0, 9).uid("numbers").map(String::valueOf)).print();
        env.execute();
    }
}
