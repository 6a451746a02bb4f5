package fixshapes.flink1;

import java.time.Duration;

import org.apache.flink.api.common.functions.JoinFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * Flink 1.20 window join: JoinedStreams.WithWindow.apply is declared to return DataStream, so
 * ".apply(...).uid(...)" does not compile. The operator behind it is a SingleOutputStreamOperator
 * (the deprecated with(...) returns that type; a cast to SingleOutputStreamOperator compiles too).
 */
public class WindowJoinJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> views = env.fromSource(Events.generator(1_000), Events.watermarks(), "views"); // fix: uid
        DataStream<Event> buys = env.fromSource(Events.generator(1_000), Events.watermarks(), "buys"); // fix: uid
        DataStream<String> joined = views.join(buys)
                .where(e -> e.userId)
                .equalTo(e -> e.userId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
                .apply((JoinFunction<Event, Event, String>) (v, b) -> v.userId + " viewed and bought"); // fix: uid
        joined.sinkTo(new DiscardingSink<>());
        views.join(buys).where(e -> e.kind).equalTo(e -> e.kind).window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .apply((JoinFunction<Event, Event, Long>) (v, b) -> v.amount + b.amount) // fix: uid
                .sinkTo(new DiscardingSink<>());
        env.execute("window-join-1");
    }
}
