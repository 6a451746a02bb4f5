package loops;

import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        for (String topic : List.of("a", "b")) {
            env.fromSequence(0, 1).uid("source"); // want "uid \"source\" is set inside a loop"
            env.fromSequence(0, 1).uid("source-" + topic);
        }
        for (int i = 0; i < 3; i++) {
            env.fromSequence(0, 1).uid("counter-" + i); // a loop counter differs per iteration
        }
        int n = 0;
        while (n < 2) {
            env.fromSequence(0, 1).uid("while-" + n);
            n++;
        }
        env.execute();
    }
}
