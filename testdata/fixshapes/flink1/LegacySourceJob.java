package fixshapes.flink1;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

import fixshapes.functions.CountingMap;

/** Flink 1.x only: a checkpointed SourceFunction through addSource, held in a DataStreamSource local. */
public class LegacySourceJob {
    static class CountingSource implements SourceFunction<Long>, CheckpointedFunction {
        private volatile boolean running = true;
        private long next;
        private transient ListState<Long> offset;

        @Override
        public void run(SourceContext<Long> ctx) {
            while (running && next < 1_000) {
                synchronized (ctx.getCheckpointLock()) {
                    ctx.collect(next++);
                }
            }
        }

        @Override
        public void cancel() {
            running = false;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            offset.update(java.util.List.of(next));
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            offset = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("offset", Types.LONG));
            for (Long o : offset.get()) {
                next = o;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStreamSource<Long> counter = env.addSource(new CountingSource(), "counter"); // fix: uid
        counter.setParallelism(1);
        counter.keyBy(n -> n % 2).map(new CountingMap<Long>()).sinkTo(new DiscardingSink<>()); // fix: uid
        env.execute("legacy-source");
    }
}
