package jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Another job with the same uids: separate job graphs, no collision.
public class JobB {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 1).uid("source").keyBy(v -> v).sum(0).uid("sum");
        env.execute();
    }
}
