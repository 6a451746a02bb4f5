package fixshapes.async;

import java.util.concurrent.TimeUnit;

import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Async I/O: the operator checkpoints its in-flight elements, so it is stateful. */
public class AsyncEnrichJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        SingleOutputStreamOperator<String> unordered =
                AsyncDataStream.unorderedWait(events, new ProfileLookup(), 5, TimeUnit.SECONDS, 100); // fix: uid
        DataStream<String> ordered = AsyncDataStream
                .orderedWait( // fix: uid
                        events,
                        new ProfileLookup(),
                        1,
                        TimeUnit.SECONDS)
                .name("ordered-lookup");
        unordered.union(ordered).sinkTo(new DiscardingSink<>());
        env.execute("async-enrich");
    }
}
