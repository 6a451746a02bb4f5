package helpertwice;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> a = env.fromSequence(0, 1).uid("a");
        DataStream<Long> b = env.fromSequence(0, 1).uid("b");
        dedup(a);
        dedup(b);
        named(a, "x");
        named(b, "y");
        env.execute();
    }

    static void dedup(DataStream<Long> in) {
        in.keyBy(v -> v).sum(0).uid("dedup"); // want "uid \"dedup\" of operator \"sum\" is used twice in job helpertwice.Job#main because this code runs more than once"
    }

    static void named(DataStream<Long> in, String suffix) {
        in.keyBy(v -> v).sum(0).uid("named-" + suffix);
    }
}
