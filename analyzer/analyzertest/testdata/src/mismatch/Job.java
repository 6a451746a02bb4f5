package mismatch;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 1).keyBy(v -> v).sum(0); // want "no such message"
        env.fromSequence(0, 1).uid("ok"); // want "expected but never reported"
        String s = "// want \"inside a string, not an expectation\"";
    }
}
