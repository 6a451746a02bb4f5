package fixshapes.windows;

import java.time.Duration;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** A keyed session window and a non-keyed windowAll, both with full-window process functions. */
public class WindowProcessJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(10_000), Events.watermarks(), "events"); // fix: uid
        DataStream<String> sessions = events
                .keyBy(e -> e.userId)
                .window(EventTimeSessionWindows.withGap(Duration.ofMinutes(15)))
                .process(new ProcessWindowFunction<Event, String, String, TimeWindow>() { // fix: uid
                    @Override
                    public void process(String user, Context ctx, Iterable<Event> all, Collector<String> out) {
                        int n = 0;
                        for (Event ignored : all) {
                            n++;
                        }
                        out.collect(user + " session of " + n);
                    }
                });
        DataStream<String> global = events
                .windowAll(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .process(new ProcessAllWindowFunction<Event, String, TimeWindow>() { // fix: uid
                    @Override
                    public void process(Context ctx, Iterable<Event> all, Collector<String> out) {
                        out.collect("hour ending " + ctx.window().getEnd());
                    }
                });
        sessions.union(global).sinkTo(new DiscardingSink<>());
        env.execute("window-process");
    }
}
