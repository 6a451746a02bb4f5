package fixshapes.mixed;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.PerKindTotals;
import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** Operators that already carry .name(...), with more configuration after the name. */
public class NamedOperatorsJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events") // fix: uid
                .name("Click events")
                .setParallelism(2);
        DataStream<Event> throttled = events.keyBy(e -> e.userId).process(new Throttle()).name("throttle-per-user").setParallelism(4); // fix: uid
        throttled.keyBy(e -> e.userId)
                .process(new PerKindTotals()) // fix: uid
                .name("per kind totals")
                .setDescription("sums amounts per kind for each user")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        env.execute("named-operators");
    }
}
