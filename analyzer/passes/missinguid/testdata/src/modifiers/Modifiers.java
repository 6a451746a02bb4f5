package modifiers;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Modifiers {
    static final String PREFIX = "orders";

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var src = env.fromSequence(0, 1);
        src.uid("seq"); // the uid is set on the variable later

        SingleOutputStreamOperator<Long> sum = src.keyBy(v -> v).sum(0);
        sum.name("sum");
        sum.setParallelism(2);
        sum.uid(PREFIX + "-sum");

        // A modifier belongs to the operator created last in the chain.
        src.keyBy(v -> v).reduce((a, b) -> a).addSink(null).uid("sink"); // want "\"reduce\" has no uid"

        DataStream<Long> reassigned = env.fromSequence(0, 1).uid("s2");
        reassigned = reassigned.keyBy(v -> v).max(0); // want "\"max\" has no uid"
        reassigned.print();

        src.keyBy(v -> v).min(0).setUidHash("6c4f323f22da8fb6e34f80c61be7a689");
        src.keyBy(v -> v).min(0).uid(args[0]); // unresolved, but a uid all the same
        env.execute();
    }
}
