package fixshapes.locals;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.PerKindTotals;
import fixshapes.functions.RecentEvents;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** One DataStreamSource local read by two stateful branches. */
public class SharedSourceLocalJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        final DataStreamSource<Event> events = env.fromSource(Events.generator(2_000), Events.watermarks(), "events"); // fix: uid
        DataStream<String> recent = events.keyBy(e -> e.userId).process(new RecentEvents()); // fix: uid
        DataStream<String> totals = events.keyBy(e -> e.userId).process(new PerKindTotals()); // fix: uid
        recent.union(totals).sinkTo(new DiscardingSink<>());
        env.execute("shared-source-local");
    }
}
