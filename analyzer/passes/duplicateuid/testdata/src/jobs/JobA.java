package jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class JobA {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 1).uid("source").keyBy(v -> v).sum(0).uid("sum");
        env.execute();
    }
}
