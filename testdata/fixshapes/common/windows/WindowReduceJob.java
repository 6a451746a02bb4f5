package fixshapes.windows;

import java.time.Duration;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Keyed tumbling and sliding windows with reduce. */
public class WindowReduceJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(10_000), Events.watermarks(), "events"); // fix: uid
        DataStream<Event> perMinute = events
                .keyBy(e -> e.userId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .reduce((a, b) -> new Event(a.userId, "minute", a.amount + b.amount, b.timestamp)); // fix: uid
        DataStream<Event> sliding = events.keyBy(e -> e.kind)
                .window(SlidingEventTimeWindows.of(Duration.ofMinutes(10), Duration.ofMinutes(1)))
                .reduce((a, b) -> a.amount >= b.amount ? a : b) // fix: uid
                .name("largest-per-kind");
        perMinute.union(sliding).sinkTo(new DiscardingSink<>());
        env.execute("window-reduce");
    }
}
