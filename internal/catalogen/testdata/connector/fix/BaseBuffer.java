package fix;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/** A base class that registers state for its subclasses. */
public abstract class BaseBuffer implements MapFunction<String, String>, CheckpointedFunction {
    public void snapshotState(long id) {}

    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("buffer", String.class));
    }
}
