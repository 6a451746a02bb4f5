package fixshapes.locals;

import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.DedupFunction;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * A local of declared type DataStreamSource: .uid() returns SingleOutputStreamOperator,
 * so it cannot be appended to the initializer; a separate events.uid(...) statement can.
 */
public class SourceLocalJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStreamSource<Event> events = env.fromSource(Events.generator(10_000), Events.watermarks(), "events"); // fix: uid
        events.setParallelism(2);
        events.keyBy(e -> e.userId)
                .process(new DedupFunction<String, Event>()) // fix: uid
                .sinkTo(new DiscardingSink<>());
        env.execute("source-local");
    }
}
