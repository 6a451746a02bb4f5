package sinktree;

import org.apache.flink.api.connector.sink2.TwoPhaseCommittingStatefulSink;

// Found on real code: a connector repository analyses its own sink class,
// which is then in the tree and must be judged by the Sink V2 interfaces it
// implements.
public class AcmeSink<T> implements TwoPhaseCommittingStatefulSink<T, String, String> {
    public static <T> AcmeSinkBuilder<T> builder() {
        return new AcmeSinkBuilder<>();
    }
}
