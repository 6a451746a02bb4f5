package fields;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// A job object keeps its environment and streams in fields.
public class Job {
    private final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    private DataStream<Long> events;

    public static void main(String[] args) throws Exception {
        Job job = new Job();
        job.readEvents();
        job.aggregate();
        job.env.execute();
    }

    void readEvents() {
        events = env.fromSequence(0, 10).uid("events");
    }

    void aggregate() {
        this.events.keyBy(v -> v).sum(0); // want "\"sum\" has no uid"
    }
}
