package org.apache.flink.api.connector.sink2;

public interface Sink<T> extends java.io.Serializable {}
