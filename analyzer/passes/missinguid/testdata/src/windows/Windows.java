package windows;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;

public class Windows {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> in = env.fromSequence(0, 10).uid("in");
        in.keyBy(v -> v % 2).window(TumblingEventTimeWindows.of(Time.seconds(5))).reduce((a, b) -> a + b); // want "\"reduce\" has no uid.*window operator"
        in.keyBy(v -> v % 2).window(TumblingEventTimeWindows.of(Time.seconds(5))).allowedLateness(Time.seconds(1)).aggregate(null); // want "\"aggregate\" has no uid"
        in.keyBy(v -> v % 2).countWindow(10).sum(0); // want "\"sum\" has no uid.*window"
        in.keyBy(v -> v % 2).timeWindow(Time.seconds(5)).apply(null); // want "\"apply\" has no uid"
        in.windowAll(TumblingEventTimeWindows.of(Time.seconds(5))).process(null); // want "\"process\" has no uid.*window"
        in.keyBy(v -> v).window(TumblingEventTimeWindows.of(Time.seconds(5))).process(null).uid("win");
        in.keyBy(v -> v).max(0); // want "\"max\" has no uid.*keyed aggregation"
        in.keyBy(v -> v).minBy(0).uid("minby");
        env.execute();
    }
}
