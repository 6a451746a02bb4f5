package fixshapes.helpers;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Calls Pipelines.totals twice (raw and deduplicated events) and Pipelines.dedup once. */
public class CrossFileHelperJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStream<String> raw = Pipelines.totals(events);
        DataStream<String> clean = Pipelines.totals(Pipelines.dedup(events));
        raw.union(clean).sinkTo(new PrintSink<>());
        env.execute("cross-file-helper");
    }
}
