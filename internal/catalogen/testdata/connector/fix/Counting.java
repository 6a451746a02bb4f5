package fix;

import org.apache.flink.api.common.functions.AbstractRichFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/** Registers operator list state in initializeState. */
public class Counting extends AbstractRichFunction implements MapFunction<Long, Long>, CheckpointedFunction {
    private transient ListState<Long> count;

    public Long map(Long v) {
        return v;
    }

    public void snapshotState(long id) {}

    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        count = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("count", Long.class));
    }
}
