package fixshapes.flink2;

import java.time.Duration;

import org.apache.flink.api.common.functions.CoGroupFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Flink 2.x window coGroup: apply(...) returns SingleOutputStreamOperator, so .name() after it compiles only on 2.x. */
public class WindowCoGroupJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> orders = env.fromSource(Events.generator(1_000), Events.watermarks(), "orders"); // fix: uid
        DataStream<Event> payments = env.fromSource(Events.generator(900), Events.watermarks(), "payments"); // fix: uid
        orders.coGroup(payments)
                .where(e -> e.userId)
                .equalTo(e -> e.userId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(15)))
                .apply(new CoGroupFunction<Event, Event, String>() { // fix: uid
                    @Override
                    public void coGroup(Iterable<Event> o, Iterable<Event> p, Collector<String> out) {
                        if (o.iterator().hasNext() && !p.iterator().hasNext()) {
                            out.collect("unpaid order for " + o.iterator().next().userId);
                        }
                    }
                })
                .name("unpaid-orders")
                .sinkTo(new DiscardingSink<>());
        env.execute("window-cogroup-2");
    }
}
