package org.apache.flink.api.common.state;

public interface OperatorStateStore {
    <S> ListState<S> getListState(ListStateDescriptor<S> descriptor) throws Exception;
}
