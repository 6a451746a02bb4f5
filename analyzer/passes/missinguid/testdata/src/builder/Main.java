package builder;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Main {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineBuilder b = new PipelineBuilder(env);
        var numbers = b.source();
        b.dedup(numbers).uid("dedup");
        b.sink(b.dedup(numbers)); // the second dedup has no uid: reported in the builder
        env.execute();
    }
}
