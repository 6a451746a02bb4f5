package th;

import java.util.List;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistake (phil3k3/flink-cep-dsl): a helper under src/test that only
// tests call, from test files that name no stream type (so they are not
// evaluated), was reported as a job of its own.
class PipelineRunner {
    static void run(List<String> data) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromCollection(data).keyBy(s -> s).reduce((a, b) -> a + b).print();
        env.execute();
    }
}
