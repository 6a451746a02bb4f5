package repro_factoryreturns;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSinkFunction;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.streaming.api.functions.sink.TwoPhaseCommitSinkFunction;
import org.apache.flink.streaming.api.functions.source.SocketTextStreamFunction;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

// Corpus mistake (afedulov/fraud-detection-demo): a factory that picks its
// sink or source class from configuration was judged by its last return, so
// a stateful choice in an earlier branch was missed.
public class Job {
    enum Kind { QUEUE, STDOUT }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Kind kind = Kind.valueOf(args[0]);
        DataStream<String> in = env.addSource(sourceFor(kind)); // want "stateful operator \"addSource\" has no uid;"
        in.addSink(sinkFor(kind)); // want "stateful operator \"addSink\" has no uid;"
        in.addSink(quietSinkFor(kind));
        in.addSink(Sinks.create(args[1])); // want "stateful operator \"addSink\" has no uid;"
        env.execute();
    }

    static SinkFunction<String> sinkFor(Kind kind) {
        switch (kind) {
            case QUEUE:
                return new TxSink();
            case STDOUT:
                return new PrintSinkFunction<>();
            default:
                throw new IllegalArgumentException("unknown sink " + kind);
        }
    }

    // Every branch is stateless: no finding.
    static SinkFunction<String> quietSinkFor(Kind kind) {
        if (kind == Kind.QUEUE) {
            return new PrintSinkFunction<>(true);
        }
        return new PrintSinkFunction<>();
    }

    static SourceFunction<String> sourceFor(Kind kind) {
        if (kind == Kind.QUEUE) {
            return new OffsetSource();
        }
        return new SocketTextStreamFunction("h", 1, "\n", -1);
    }
}

class OffsetSource implements SourceFunction<String>, CheckpointedFunction {
    private transient ListState<Long> offsets;

    @Override
    public void run(SourceContext<String> ctx) {}

    @Override
    public void cancel() {}

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        offsets = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("offsets", Long.class));
    }
}

class TxSink extends TwoPhaseCommitSinkFunction<String, TxSink.Tx, Void> {
    TxSink() {
        super(null, null);
    }

    @Override
    protected void invoke(Tx transaction, String value, Context context) {}

    @Override
    protected Tx beginTransaction() {
        return new Tx();
    }

    @Override
    protected void preCommit(Tx transaction) {}

    @Override
    protected void commit(Tx transaction) {}

    @Override
    protected void abort(Tx transaction) {}

    static class Tx {}
}
