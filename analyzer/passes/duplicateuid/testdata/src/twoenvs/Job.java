package twoenvs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Two environments in one method build two separate job graphs.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment first = StreamExecutionEnvironment.getExecutionEnvironment();
        first.fromSequence(0, 1).uid("source").keyBy(v -> v).sum(0).uid("sum");
        StreamExecutionEnvironment second = StreamExecutionEnvironment.getExecutionEnvironment();
        second.fromSequence(0, 1).uid("source").keyBy(v -> v).sum(0).uid("sum");
        second.fromSequence(0, 1).uid("source"); // want "uid \"source\" of operator \"fromSequence\" is also used by operator \"fromSequence\" in job twoenvs.Job#main\\[2\\]"
        first.execute();
        second.execute();
    }
}
