package envfield;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// The environment is set by an init method, as in jobs configured by a
// framework before they build the graph.
public class ReplayJob {
    private StreamExecutionEnvironment env;

    public static void main(String[] args) throws Exception {
        ReplayJob job = new ReplayJob();
        job.init();
        job.define();
        job.env.execute("replay");
    }

    void init() {
        env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(60_000);
    }

    void define() {
        env.fromSequence(0, 5).uid("replay");
        env.fromSequence(0, 5).uid("replay"); // want "uid \"replay\" of operator \"fromSequence\" is also used by operator \"fromSequence\" in job envfield.ReplayJob#main"
    }
}
