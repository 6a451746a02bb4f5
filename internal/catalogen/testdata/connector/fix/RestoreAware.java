package fix;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/** Overrides initializeState only to read whether the job was restored. */
public class RestoreAware implements MapFunction<Long, Long>, CheckpointedFunction {
    private boolean restored;

    public Long map(Long v) {
        return restored ? v : -v;
    }

    public void snapshotState(long id) {}

    public void initializeState(FunctionInitializationContext ctx) {
        restored = ctx.isRestored();
    }
}
