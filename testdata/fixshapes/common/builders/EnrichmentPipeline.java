package fixshapes.builders;

import java.util.concurrent.TimeUnit;

import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import fixshapes.async.ProfileLookup;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * A library builder whose build(env) creates a source and an async lookup. Two jobs use it
 * (EnrichmentJobA and EnrichmentJobB): a constant uid here would be shared by both jobs'
 * operators and could only be right for one of them; issue 15 asks for no constant uid and a
 * hint to parameterise it (a uid prefix setter).
 */
public class EnrichmentPipeline {
    private long count = 1_000;
    private int capacity = 100;

    public EnrichmentPipeline count(long count) {
        this.count = count;
        return this;
    }

    public EnrichmentPipeline capacity(int capacity) {
        this.capacity = capacity;
        return this;
    }

    public DataStream<String> build(StreamExecutionEnvironment env) {
        DataStream<Event> events = env.fromSource(Events.generator(count), Events.watermarks(), "events"); // fix: none builder shared by two jobs (EnrichmentJobA, EnrichmentJobB)
        return AsyncDataStream.unorderedWait( // fix: none builder shared by two jobs (EnrichmentJobA, EnrichmentJobB)
                events, new ProfileLookup(), 2, TimeUnit.SECONDS, capacity);
    }
}
