package com.acme;

import com.vendor.testing.Harness;
import com.vendor.testing.ManualFeed;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

// Corpus mistake (cloudera/cybersec tests): the stream a test harness outside
// the analysed sources hands out (getDataStream()) is not followed, so the
// operators the test's override applies to it are not found.
class EnrichJobTest extends EnrichJob {
    private ManualFeed<String> feed;

    @Test
    void enriches() throws Exception {
        createPipeline().execute();
    }

    @Override
    protected DataStream<String> createSource(StreamExecutionEnvironment env) {
        feed = Harness.createManualFeed(env, String.class);
        return feed.getDataStream().keyBy(s -> s).reduce((a, b) -> a + b); // want "stateful operator \"reduce\" has no uid;"
    }

    @Override
    protected void writeResults(DataStream<String> results) {
        results.print();
    }
}
