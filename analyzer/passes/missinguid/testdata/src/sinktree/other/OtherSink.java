package sinktree.other;

import org.apache.flink.api.connector.sink2.StatefulSink;

public class OtherSink<T> implements StatefulSink<T, String> {
    public static <T> OtherSinkBuilder<T> builder() {
        return new OtherSinkBuilder<>();
    }
}
