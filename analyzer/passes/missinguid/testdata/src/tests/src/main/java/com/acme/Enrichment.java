package com.acme;

import org.apache.flink.streaming.api.datastream.DataStream;

// A helper of production code that tests call too: its operators belong to
// every job that calls it, and are reported for the deployed job only.
public final class Enrichment {
    public static DataStream<String> enrich(DataStream<String> in) {
        return in.keyBy(s -> s).reduce((a, b) -> a + b); // want "\"reduce\" has no uid"
    }

    // Reached only from tests: part of test jobs, not reported.
    public static DataStream<String> dedupForTests(DataStream<String> in) {
        return in.keyBy(s -> s).max(0);
    }
}
