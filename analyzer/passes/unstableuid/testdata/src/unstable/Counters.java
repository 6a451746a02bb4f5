package unstable;

import java.util.UUID;
import org.apache.flink.streaming.api.datastream.DataStream;

// Values that differ per submission stay errors, also when they reach the
// uid through a helper, a setter or a field.
public class Counters {
    private static int next = 0;
    private int seq;
    private String id;

    static String nextId() {
        return "op-" + next++;
    }

    public Counters id(String id) {
        this.id = id + UUID.randomUUID();
        return this;
    }

    void build(DataStream<Long> s) {
        s.map(v -> v).uid(nextId()); // want "a counter"
        s.map(v -> v).uid("ih-" + System.identityHashCode(s)); // want "System.identityHashCode"
        seq = seq + 1;
        s.map(v -> v).uid("seq-" + seq); // want "non-final field seq"
        s.map(v -> v).uid("id-" + id); // want "non-final field id"
    }
}
