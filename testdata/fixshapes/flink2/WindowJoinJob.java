package fixshapes.flink2;

import java.time.Duration;

import org.apache.flink.api.common.functions.JoinFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * Flink 2.x window join: JoinedStreams.WithWindow.apply returns SingleOutputStreamOperator, so
 * the local below only compiles on 2.x, and .uid() can be appended to apply(...).
 */
public class WindowJoinJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> views = env.fromSource(Events.generator(1_000), Events.watermarks(), "views"); // fix: uid
        DataStream<Event> buys = env.fromSource(Events.generator(1_000), Events.watermarks(), "buys"); // fix: uid
        SingleOutputStreamOperator<String> joined = views.join(buys)
                .where(e -> e.userId)
                .equalTo(e -> e.userId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
                .apply((JoinFunction<Event, Event, String>) (v, b) -> v.userId + " viewed and bought"); // fix: uid
        joined.name("view-buy-join");
        joined.sinkTo(new DiscardingSink<>());
        env.execute("window-join-2");
    }
}
