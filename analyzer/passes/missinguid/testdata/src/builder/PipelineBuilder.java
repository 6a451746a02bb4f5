package builder;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Builds the stages of the job; the caller decides the uids of some. */
public class PipelineBuilder {
    private final StreamExecutionEnvironment env;

    public PipelineBuilder(StreamExecutionEnvironment env) {
        this.env = env;
    }

    public DataStream<Long> source() {
        return env.fromSequence(0, 100).uid("numbers");
    }

    public SingleOutputStreamOperator<Long> dedup(DataStream<Long> in) {
        return in.keyBy(v -> v).reduce((a, b) -> a); // want "\"reduce\" has no uid"
    }

    public void sink(DataStream<Long> in) {
        in.keyBy(v -> v % 10).max(0); // want "\"max\" has no uid"
    }
}
