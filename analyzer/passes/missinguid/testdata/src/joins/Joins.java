package joins;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;

public class Joins {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> a = env.socketTextStream("a", 1);
        DataStream<String> b = env.socketTextStream("b", 1);
        a.join(b).where(s -> s).equalTo(s -> s).window(TumblingEventTimeWindows.of(Time.seconds(1))).apply(null); // want "\"apply\" has no uid.*window join"
        a.coGroup(b).where(s -> s).equalTo(s -> s).window(TumblingEventTimeWindows.of(Time.seconds(1))).apply(null).uid("cogroup");
        KeyedStream<String, String> ka = a.keyBy(s -> s);
        ka.intervalJoin(b.keyBy(s -> s)).between(Time.seconds(-1), Time.seconds(1)).process(null); // want "\"process\" has no uid.*interval join"
        env.execute();
    }
}
