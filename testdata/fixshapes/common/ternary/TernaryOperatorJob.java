package fixshapes.ternary;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.DedupFunction;
import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** A ternary choosing between two stateful operators on the same keyed stream. */
public class TernaryOperatorJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        boolean strict = Boolean.parseBoolean(System.getProperty("strict", "false"));
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        KeyedStream<Event, String> byUser = events.keyBy(e -> e.userId);
        SingleOutputStreamOperator<Event> cleaned = strict
                ? byUser.process(new DedupFunction<String, Event>()) // fix: uid
                : byUser.process(new Throttle()); // fix: uid
        cleaned.sinkTo(new DiscardingSink<>());
        env.execute("ternary-operator");
    }
}
