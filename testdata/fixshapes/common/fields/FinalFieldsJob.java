package fixshapes.fields;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

import fixshapes.functions.RecentEvents;
import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** Final fields assigned in the constructor, of declared types DataStream and SingleOutputStreamOperator. */
public class FinalFieldsJob {
    private final DataStream<Event> events;
    private final SingleOutputStreamOperator<Event> throttled;
    private final DataStream<String> recent;

    FinalFieldsJob(StreamExecutionEnvironment env) {
        this.events = env.fromSource(Events.generator(3_000), Events.watermarks(), "events"); // fix: uid
        this.throttled = events.keyBy(e -> e.userId)
                .process(new Throttle()); // fix: uid
        this.recent = throttled.keyBy(e -> e.userId).process(new RecentEvents()); // fix: uid
    }

    void attachSinks() {
        recent.sinkTo(new PrintSink<>());
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new FinalFieldsJob(env).attachSinks();
        env.execute("final-fields");
    }
}
