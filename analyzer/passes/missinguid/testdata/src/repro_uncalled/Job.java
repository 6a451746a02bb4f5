package repro_uncalled;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistake (cloudera/cybersec's DedupeJob): operators in a method that
// no job calls (its only call is commented out) are reported.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("h", 1);
        in.print();
        // debug(in);
        env.execute();
    }

    private static void debug(DataStream<String> in) {
        in.keyBy(s -> s).reduce((a, b) -> a + b).print();
    }
}
