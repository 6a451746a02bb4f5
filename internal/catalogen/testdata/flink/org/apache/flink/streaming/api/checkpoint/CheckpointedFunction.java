package org.apache.flink.streaming.api.checkpoint;

import org.apache.flink.runtime.state.FunctionInitializationContext;

public interface CheckpointedFunction {
    void snapshotState(long checkpointId) throws Exception;

    void initializeState(FunctionInitializationContext context) throws Exception;
}
