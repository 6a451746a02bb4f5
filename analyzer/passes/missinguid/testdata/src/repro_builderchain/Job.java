package repro_builderchain;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistakes (pravega/flink-connectors, connector-jdbc,
// connector-elasticsearch): the class a builder or factory method returns is
// not followed.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("h", 1);
        // A nested Builder's build() returns its outer two-phase-commit class.
        TxWriter<String> writer = TxWriter.<String>builder().build();
        in.addSink(writer); // want "stateful operator \"addSink\" has no uid;"
        // The builder returns a transactional sink for exactly-once and a
        // plain one otherwise; this job asks for exactly-once.
        PipeSink sink = new PipeSinkBuilder().exactlyOnce(true).build();
        in.sinkTo(sink); // want "\"sinkTo\" has no uid"
        // The same builder, typed from its declaration.
        in.sinkTo(GuaranteeSinks.builder().exactlyOnce(true).build()); // want "\"sinkTo\" has no uid"
        // Setters inherited from a self-typed base builder return B.
        in.addSink(QueueWriter.<String>builder().topic("t").build()); // want "stateful operator \"addSink\" has no uid;"
        env.execute();
    }
}

abstract class PipeSink implements Sink<String> {}

class PlainPipeSink extends PipeSink {
    @Override
    public org.apache.flink.api.connector.sink2.SinkWriter<String> createWriter(InitContext context) {
        return null;
    }
}

class TxPipeSink extends PipeSink implements org.apache.flink.api.connector.sink2.TwoPhaseCommittingSink<String, String> {
    @Override
    public PrecommittingSinkWriter<String, String> createWriter(InitContext context) {
        return null;
    }

    @Override
    public org.apache.flink.api.connector.sink2.Committer<String> createCommitter() {
        return null;
    }

    @Override
    public org.apache.flink.core.io.SimpleVersionedSerializer<String> getCommittableSerializer() {
        return null;
    }
}

class PipeSinkBuilder {
    private boolean exactlyOnce;

    PipeSinkBuilder exactlyOnce(boolean on) {
        this.exactlyOnce = on;
        return this;
    }

    PipeSink build() {
        if (exactlyOnce) {
            return new TxPipeSink();
        }
        return new PlainPipeSink();
    }
}
