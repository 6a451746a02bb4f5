package harness.fixpin;

import harness.common.CountPerKey;
import harness.common.MinProbe;
import harness.common.Slow;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job of the --fix --savepoint round trip (e2e/fix_test.go): its keyed
 * counter has no uid, so its state sits under an auto-generated ID. The test
 * compiles this file as v1, then the file as `uidcheck check --fix` leaves it.
 * Not compiled by Maven.
 */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("fixpin");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new CountPerKey())
                .map(new MinProbe())
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }
}
