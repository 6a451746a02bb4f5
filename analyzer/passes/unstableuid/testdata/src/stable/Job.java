package stable;

import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    private static final String PREFIX = "stable";
    private final String name;

    Job(String name) { this.name = name; }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        for (int i = 0; i < 3; i++) {
            env.fromSequence(0, 1).uid(PREFIX + "-" + i);
        }
        for (String t : List.of("a", "b")) {
            env.fromSequence(0, 1).uid("topic-" + t.toLowerCase());
        }
        env.fromSequence(0, 1).uid(args[0]); // want "depends on configuration \\(args\\[0\\], from the parameter args\\)"
        env.fromSequence(0, 1).uid(System.getenv("UID")); // want "depends on configuration \\(System.getenv\\(\"UID\"\\)\\)"
        new Job("n").run(env);
        env.execute();
    }

    void run(StreamExecutionEnvironment env) {
        env.fromSequence(0, 1).uid("job-" + name);
    }
}
