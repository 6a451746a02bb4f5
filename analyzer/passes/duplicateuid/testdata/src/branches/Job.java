package branches;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> src;
        if (args.length > 0) {
            src = env.fromSequence(0, 1).uid("source");
        } else {
            src = env.fromSequence(5, 9).uid("source"); // mutually exclusive with the then branch
        }
        switch (args.length) {
            case 1:
                src.keyBy(v -> v).sum(0).uid("agg");
                break;
            default:
                src.keyBy(v -> v).max(0).uid("agg");
        }
        if (args.length > 1) {
            src.keyBy(v -> v).min(0).uid("min");
        }
        src.keyBy(v -> v).minBy(0).uid("min"); // want "uid \"min\""
        env.execute();
    }
}
