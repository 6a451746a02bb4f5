package fixshapes.lambdas;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Applies the Function constants of Stages to keyed streams. */
public class StagesJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStream<Event> deduped = Stages.DEDUP.apply(events.keyBy(e -> e.userId));
        Stages.RECENT.apply(deduped.keyBy(e -> e.userId)).sinkTo(new PrintSink<>());
        env.execute("stages");
    }
}
