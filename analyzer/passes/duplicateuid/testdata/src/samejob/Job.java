package samejob;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    private static final String ENRICH = "enrich";

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> orders = env.fromSequence(0, 1).uid("orders");
        DataStream<Long> returns = env.fromSequence(0, 1).uid("returns");
        orders.keyBy(v -> v).sum(0).uid("enrich");
        returns.keyBy(v -> v).sum(0).uid(ENRICH); // want "uid \"enrich\" of operator \"sum\" is also used by operator \"sum\" in job samejob.Job#main"
        returns.keyBy(v -> v).max(0).uid("en" + "rich"); // want "uid \"enrich\""
        returns.keyBy(v -> v).min(0).uid("returns-min");
        env.execute();
    }
}
