package fixshapes.builders;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Uses the DedupStage builder once. */
public class BuilderJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        new DedupStage<Event>()
                .keyedBy(e -> e.userId)
                .named("dedup-users")
                .withParallelism(2)
                .apply(events)
                .sinkTo(new DiscardingSink<>());
        env.execute("builder");
    }
}
