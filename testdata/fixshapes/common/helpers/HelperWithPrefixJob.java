package fixshapes.helpers;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.RecentEvents;
import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * A helper that already takes a uid prefix for one operator but forgot the second; it is called
 * twice, so the second may not get a constant uid. The job's own operators may.
 */
public class HelperWithPrefixJob {
    static DataStream<String> branch(DataStream<Event> in, String uidPrefix) {
        DataStream<Event> throttled = in.keyBy(e -> e.userId).process(new Throttle()).uid(uidPrefix + "-throttle");
        return throttled.keyBy(e -> e.userId).process(new RecentEvents()); // fix: none helper called twice by main
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStream<Event> buys = events.filter(e -> e.kind.equals("buy"));
        DataStream<Event> views = events.filter(e -> e.kind.equals("view"));
        branch(buys, "buys").union(branch(views, "views")).sinkTo(new DiscardingSink<>());
        env.execute("helper-with-prefix");
    }
}
