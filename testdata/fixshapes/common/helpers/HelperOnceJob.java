package fixshapes.helpers;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.DedupFunction;
import fixshapes.functions.RecentEvents;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** Private helpers, each called exactly once by the job: a constant uid is safe. */
public class HelperOnceJob {
    private static DataStream<Event> dedup(DataStream<Event> in) {
        return in.keyBy(e -> e.userId).process(new DedupFunction<String, Event>()); // fix: uid
    }

    private static void summarise(DataStream<Event> in) {
        in.keyBy(e -> e.userId)
                .process(new RecentEvents()) // fix: uid
                .sinkTo(new DiscardingSink<>());
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        summarise(dedup(events));
        env.execute("helper-once");
    }
}
