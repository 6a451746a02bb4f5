package ternary;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> src = args.length > 0
            ? env.fromSequence(0, 1).uid("source")
            : env.fromSequence(5, 9).uid("source");
        src.keyBy(v -> v).sum(0).uid("sum");
        env.execute();
    }
}
