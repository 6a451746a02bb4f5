package org.apache.flink.api.common.state;

public interface ListState<T> {}
