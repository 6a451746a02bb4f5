package th;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// A main method under src/test is an example job, not a test.
public class ExampleJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(1, 5).print(); // want "stateful operator \"fromSequence\" has no uid;"
        env.execute();
    }
}
