package repro_sinkv1;

import java.util.List;
import java.util.Optional;

import org.apache.flink.api.connector.sink.Committer;
import org.apache.flink.api.connector.sink.GlobalCommitter;
import org.apache.flink.api.connector.sink.Sink;
import org.apache.flink.api.connector.sink.SinkWriter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistake (apache/bahir-flink's influxdb2 connector): a sink written
// against the first Sink API (org.apache.flink.api.connector.sink, Flink
// 1.12-1.14) keeps writer state and committables when its type arguments
// say so, but was judged like a Sink V2 with neither.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("h", 1);
        in.sinkTo(new LedgerSink()); // want "stateful operator \"sinkTo\" has no uid;"
        in.sinkTo(new FireAndForgetSink());
        env.execute();
    }
}

class LedgerSink implements Sink<String, Long, String, Void> {
    @Override
    public SinkWriter<String, Long, String> createWriter(InitContext context, List<String> states) {
        return null;
    }

    @Override
    public Optional<Committer<Long>> createCommitter() {
        return Optional.empty();
    }

    @Override
    public Optional<SimpleVersionedSerializer<Long>> getCommittableSerializer() {
        return Optional.empty();
    }

    @Override
    public Optional<SimpleVersionedSerializer<String>> getWriterStateSerializer() {
        return Optional.empty();
    }

    @Override
    public Optional<GlobalCommitter<Long, Void>> createGlobalCommitter() {
        return Optional.empty();
    }

    @Override
    public Optional<SimpleVersionedSerializer<Void>> getGlobalCommittableSerializer() {
        return Optional.empty();
    }
}

// Void committables and writer state: nothing to keep.
class FireAndForgetSink implements Sink<String, Void, Void, Void> {
    @Override
    public SinkWriter<String, Void, Void> createWriter(InitContext context, List<Void> states) {
        return null;
    }

    @Override
    public Optional<Committer<Void>> createCommitter() {
        return Optional.empty();
    }

    @Override
    public Optional<SimpleVersionedSerializer<Void>> getCommittableSerializer() {
        return Optional.empty();
    }

    @Override
    public Optional<SimpleVersionedSerializer<Void>> getWriterStateSerializer() {
        return Optional.empty();
    }

    @Override
    public Optional<GlobalCommitter<Void, Void>> createGlobalCommitter() {
        return Optional.empty();
    }

    @Override
    public Optional<SimpleVersionedSerializer<Void>> getGlobalCommittableSerializer() {
        return Optional.empty();
    }
}
