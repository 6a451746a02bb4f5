package helpers;

import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> src = source(env);
        SingleOutputStreamOperator<Long> agg = aggregate(src);
        agg.uid("agg"); // uid applied by the caller
        aggregate(src); // the second call's operator has no uid: reported in the helper
        Consumer<DataStream<Long>> sink = s -> s.keyBy(v -> v).max(0); // want "\"max\" has no uid"
        sink.accept(src);
        for (String t : List.of("a", "b")) {
            env.fromSequence(0, 1); // want "\"fromSequence\" has no uid.*created in a loop"
        }
        env.execute();
    }

    static DataStream<Long> source(StreamExecutionEnvironment env) {
        return env.fromSequence(0, 10).uid("src");
    }

    static SingleOutputStreamOperator<Long> aggregate(DataStream<Long> in) {
        return in.keyBy(v -> v).sum(0); // want "\"sum\" has no uid"
    }
}
