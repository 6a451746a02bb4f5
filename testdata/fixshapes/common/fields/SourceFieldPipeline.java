package fixshapes.fields;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.DedupFunction;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * A pipeline object whose fields hold the source (declared DataStreamSource: .uid() cannot be
 * appended to the assignment) and an operator (declared DataStream: it can).
 */
public class SourceFieldPipeline {
    private final StreamExecutionEnvironment env;
    private DataStreamSource<Event> events;
    private DataStream<Event> deduped;

    SourceFieldPipeline(StreamExecutionEnvironment env) {
        this.env = env;
    }

    void build() {
        events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        this.deduped = events.keyBy(e -> e.userId).process(new DedupFunction<String, Event>()); // fix: uid
        deduped.sinkTo(new DiscardingSink<>());
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SourceFieldPipeline(env).build();
        env.execute("source-field");
    }
}
