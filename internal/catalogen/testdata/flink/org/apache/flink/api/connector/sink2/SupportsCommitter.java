package org.apache.flink.api.connector.sink2;

public interface SupportsCommitter<C> {}
