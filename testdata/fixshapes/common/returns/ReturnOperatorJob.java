package fixshapes.returns;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.RecentEvents;
import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** Methods declared SingleOutputStreamOperator returning a keyed process, one after a .name(). */
public class ReturnOperatorJob {
    static SingleOutputStreamOperator<Event> throttle(DataStream<Event> in) {
        return in.keyBy(e -> e.userId).process(new Throttle()); // fix: uid
    }

    static SingleOutputStreamOperator<String> recent(DataStream<Event> in) {
        return in.keyBy(e -> e.userId)
                .process(new RecentEvents()) // fix: uid
                .name("recent-events");
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        recent(throttle(events)).sinkTo(new DiscardingSink<>());
        env.execute("return-operator");
    }
}
