package repro_checkpointednostate;

import org.apache.flink.api.common.io.GenericInputFormat;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.core.io.GenericInputSplit;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.streaming.api.functions.source.datagen.DataGeneratorSource;
import org.apache.flink.streaming.api.functions.source.datagen.RandomGenerator;
import org.apache.flink.streaming.api.functions.source.datagen.SequenceGenerator;

// Corpus mistake (cloudera/cybersec, connector-jdbc, connector-cassandra,
// connector-pulsar, connector-aws): a function that implements
// CheckpointedFunction but registers no state has an empty savepoint entry,
// so it is not stateful; only registered state counts.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("h", 1);
        in.addSink(new FlushOnCheckpointSink());
        in.addSink(new CountingSink()); // want "stateful operator \"addSink\" has no uid;"
        // The legacy generator source keeps only what its generator registers:
        // a RandomGenerator registers nothing, a SequenceGenerator its position.
        env.addSource(new DataGeneratorSource<>(RandomGenerator.stringGenerator(8), 10, 100L)).print();
        env.addSource(new DataGeneratorSource<>(SequenceGenerator.longGenerator(1, 100), 10, 100L)).print(); // want "stateful operator \"addSource\" has no uid;"
        // createInput with a non-file input format runs an
        // InputFormatSourceFunction, which has no checkpointed state.
        env.createInput(new NumbersFormat()).print();
        env.execute();
    }
}

class FlushOnCheckpointSink extends RichSinkFunction<String> implements CheckpointedFunction {
    @Override
    public void invoke(String value, Context context) {}

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // flushes buffered writes; nothing is stored
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}
}

class CountingSink extends RichSinkFunction<String> implements CheckpointedFunction {
    private transient ListState<Long> count;

    @Override
    public void invoke(String value, Context context) {}

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        count = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("count", Long.class));
    }
}

class NumbersFormat extends GenericInputFormat<Long> {
    private long next;

    @Override
    public void open(GenericInputSplit split) {
        next = 0;
    }

    @Override
    public boolean reachedEnd() {
        return next > 10;
    }

    @Override
    public Long nextRecord(Long reuse) {
        return next++;
    }
}
