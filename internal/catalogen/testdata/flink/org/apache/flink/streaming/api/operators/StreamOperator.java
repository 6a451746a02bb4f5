package org.apache.flink.streaming.api.operators;

public interface StreamOperator<O> extends java.io.Serializable {}
