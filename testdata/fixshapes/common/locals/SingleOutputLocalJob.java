package fixshapes.locals;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.PerKindTotals;
import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** Locals of declared type SingleOutputStreamOperator, configured by later statements. */
public class SingleOutputLocalJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<Event> events =
                env.fromSource(Events.generator(5_000), Events.watermarks(), "events") // fix: uid
                        .name("events");
        SingleOutputStreamOperator<Event> throttled = events.keyBy(e -> e.userId).process(new Throttle()); // fix: uid
        throttled.name("throttle");
        throttled.setParallelism(4);
        SingleOutputStreamOperator<String> totals;
        totals = throttled.keyBy(e -> e.userId).process(new PerKindTotals()); // fix: uid
        DataStream<String> out = totals;
        out.sinkTo(new DiscardingSink<>());
        env.execute("single-output-local");
    }
}
