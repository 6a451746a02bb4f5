package fixshapes.functions;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/** Counts records per parallel instance in operator ListState (CheckpointedFunction, no keyBy needed). */
public class BufferingCounter<T> implements MapFunction<T, T>, CheckpointedFunction {
    private transient ListState<Long> checkpointed;
    private long seen;

    @Override
    public T map(T value) {
        seen++;
        return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.update(java.util.List.of(seen));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("seen", Types.LONG));
        for (Long n : checkpointed.get()) {
            seen += n;
        }
    }
}
