package org.apache.flink.api.connector.source;

public interface Source<T> extends java.io.Serializable {}
