package udfs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var in = env.socketTextStream("h", 1);
        in.keyBy(s -> s).map(new CountPerKey()); // want "\"map\" has no uid.*BaseCounter uses state"
        in.keyBy(s -> s).map(new Stateless());
        in.keyBy(s -> s).flatMap(new Buffering()); // want "\"flatMap\" has no uid.*Buffering implements CheckpointedFunction"
        env.execute();
    }
}
