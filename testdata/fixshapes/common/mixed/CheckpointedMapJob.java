package fixshapes.mixed;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import fixshapes.functions.BufferingCounter;
import fixshapes.model.Events;

/** Operator state through CheckpointedFunction, on non-keyed streams (map and a batching flatMap). */
public class CheckpointedMapJob {
    /** Emits lines in batches of ten; the pending batch lives in operator union-list state. */
    static class Batcher extends RichFlatMapFunction<String, String> implements CheckpointedFunction {
        private final java.util.List<String> batch = new java.util.ArrayList<>();
        private transient ListState<String> pending;

        @Override
        public void flatMap(String line, Collector<String> out) {
            batch.add(line);
            if (batch.size() == 10) {
                out.collect(String.join(",", batch));
                batch.clear();
            }
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            pending.update(batch);
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            pending = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("pending", Types.STRING));
            if (context.isRestored()) {
                for (String line : pending.get()) {
                    batch.add(line);
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> lines = env.fromSource(Events.lines(1_000), WatermarkStrategy.noWatermarks(), "lines"); // fix: uid
        DataStream<String> counted = lines.map(new BufferingCounter<String>()); // fix: uid
        counted.flatMap(new Batcher()) // fix: uid
                .sinkTo(new DiscardingSink<>());
        env.execute("checkpointed-map");
    }
}
