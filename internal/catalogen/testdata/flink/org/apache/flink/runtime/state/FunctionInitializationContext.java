package org.apache.flink.runtime.state;

import org.apache.flink.api.common.state.OperatorStateStore;

public interface FunctionInitializationContext {
    boolean isRestored();

    OperatorStateStore getOperatorStateStore();
}
