package fixshapes.joins;

import java.time.Duration;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.ProcessJoinFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** An interval join of views and buys (both sides buffered in keyed state until the interval passes). */
public class IntervalJoinJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> views = env.fromSource(Events.generator(1_000), Events.watermarks(), "views") // fix: uid
                .filter(e -> e.kind.equals("view"));
        DataStream<Event> buys = env.fromSource(Events.generator(1_000), Events.watermarks(), "buys") // fix: uid
                .filter(e -> e.kind.equals("buy"));
        DataStream<String> conversions = views.keyBy(e -> e.userId)
                .intervalJoin(buys.keyBy(e -> e.userId))
                .between(Duration.ofMinutes(-10), Duration.ZERO)
                .process(new ProcessJoinFunction<Event, Event, String>() { // fix: uid
                    @Override
                    public void processElement(Event view, Event buy, Context ctx, Collector<String> out) {
                        out.collect(view.userId + " bought after viewing");
                    }
                });
        conversions.sinkTo(new DiscardingSink<>());
        env.execute("interval-join");
    }
}
