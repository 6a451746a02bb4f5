package envfield;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Shared skeleton of the team's jobs: the environment lives in a field. */
public abstract class StreamingJobBase {
    protected StreamExecutionEnvironment env;

    protected StreamingJobBase() {
        env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
    }

    public void run() throws Exception {
        buildPipeline();
        env.execute(getClass().getSimpleName());
    }

    protected abstract void buildPipeline();
}
