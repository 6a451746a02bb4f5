package fixshapes.mixed;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.DedupFunction;
import fixshapes.functions.PerKindTotals;
import fixshapes.functions.RecentEvents;
import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * A job half-way through adopting uids: some operators have one, one is re-attached to old
 * state with setUidHash, the rest have none. The suggested uids must not reuse "throttle" or
 * "events".
 */
public class PartialUidsJob {
    private static final String DEDUP_UID = "dedup";

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events").uid("events");
        DataStream<Event> throttled = events.keyBy(e -> e.userId).process(new Throttle()).uid("throttle");
        DataStream<Event> deduped = throttled.keyBy(e -> e.userId)
                .process(new DedupFunction<String, Event>())
                .uid(DEDUP_UID);
        DataStream<String> recent = deduped.keyBy(e -> e.userId)
                .process(new RecentEvents())
                .setUidHash("2e588ce1c86a9d46e2e85186773ce4fd");
        DataStream<String> totals = deduped.keyBy(e -> e.userId).process(new PerKindTotals()); // fix: uid
        DataStream<Event> moreEvents = env.fromSource(Events.generator(10), Events.watermarks(), "more-events"); // fix: uid
        DataStream<Event> moreThrottled = moreEvents.keyBy(e -> e.userId).process(new Throttle()); // fix: uid
        recent.union(totals).sinkTo(new DiscardingSink<>()).uid("discard");
        moreThrottled.sinkTo(new DiscardingSink<>());
        env.execute("partial-uids");
    }
}
