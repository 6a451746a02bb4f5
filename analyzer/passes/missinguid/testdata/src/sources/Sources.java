package sources;

import java.util.Arrays;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.SourceFunction;
import org.apache.flink.util.NumberSequenceIterator;

public class Sources {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.addSource(new CountingSource()); // want "stateful operator \"addSource\" has no uid.*CountingSource implements CheckpointedFunction"
        env.addSource(new PlainSource()).print();
        env.fromElements(1, 2, 3); // want "\"fromElements\" has no uid"
        env.fromCollection(Arrays.asList(1, 2)); // want "\"fromCollection\" has no uid"
        env.fromSequence(1, 100); // want "\"fromSequence\" has no uid"
        env.fromData(1, 2); // want "\"fromData\" has no uid"
        env.socketTextStream("localhost", 9999).print();
        // Flink's FromSplittableIteratorFunction registers no state: the
        // generated catalog says so, and no stateful finding follows.
        env.fromParallelCollection(new NumberSequenceIterator(1, 10), Long.class).print();
        env.readTextFile("/tmp/in"); // want "\"readTextFile\" has no uid"
        env.readFile(null, "/tmp/in"); // want "\"readFile\" has no uid"
        env.createInput(null); // want "\"createInput\" has no uid and may be stateful"
        env.generateSequence(1, 10).uid("seq");
        env.execute();
    }

    static class CountingSource implements SourceFunction<Long>, CheckpointedFunction {
        private transient ListState<Long> state;
        public void run(SourceContext<Long> ctx) {}
        public void cancel() {}
        public void snapshotState(FunctionSnapshotContext c) {}
        public void initializeState(FunctionInitializationContext c) throws Exception {
            state = c.getOperatorStateStore().getListState(new ListStateDescriptor<>("count", Long.class));
        }
    }

    static class PlainSource implements SourceFunction<Long> {
        public void run(SourceContext<Long> ctx) {}
        public void cancel() {}
    }
}
