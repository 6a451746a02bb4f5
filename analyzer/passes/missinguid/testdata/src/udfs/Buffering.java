package udfs;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.util.Collector;

public class Buffering implements FlatMapFunction<String, String>, CheckpointedFunction {
    public void flatMap(String v, Collector<String> out) {}
    public void snapshotState(FunctionSnapshotContext c) {}
    public void initializeState(FunctionInitializationContext c) throws Exception {
        c.getOperatorStateStore().getListState(new ListStateDescriptor<>("buffer", String.class));
    }
}
