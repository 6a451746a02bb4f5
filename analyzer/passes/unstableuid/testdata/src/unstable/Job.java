package unstable;

import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    private static int counter = 0;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private String suffix = "x";

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> s = env.fromSequence(0, 1).uid("src-" + UUID.randomUUID()); // want "built from UUID.randomUUID\\(\\)"
        s.keyBy(v -> v).sum(0).uid("sum-" + System.currentTimeMillis()); // want "System.currentTimeMillis"
        s.keyBy(v -> v).max(0).uid(String.valueOf(System.nanoTime())); // want "System.nanoTime"
        s.keyBy(v -> v).min(0).uid("min-" + new Random().nextInt()); // want "random"
        s.keyBy(v -> v).minBy(0).uid("minby-" + s.hashCode()); // want "hashCode"
        s.keyBy(v -> v).maxBy(0).uid("maxby-" + counter++); // want "counter"
        s.keyBy(v -> v).reduce((a, b) -> a).uid("reduce-" + SEQ.incrementAndGet()); // want "counter"
        s.map(v -> v).uid("map-" + LocalDateTime.now()); // want "LocalDateTime.now"
        String id = "filter-" + Math.random();
        s.filter(v -> true).uid(id); // want "Math.random"
        new Job().build(s);
        env.execute();
    }

    void build(DataStream<Long> s) {
        suffix = suffix + "!";
        s.keyBy(v -> v).sum(0).uid("field-" + suffix); // want "non-final field suffix"
    }
}
