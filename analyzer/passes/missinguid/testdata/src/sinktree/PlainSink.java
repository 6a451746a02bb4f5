package sinktree;

import org.apache.flink.api.connector.sink2.Sink;

public class PlainSink<T> implements Sink<T> {
}
