package org.apache.flink.api.common.functions;

/** Stand-in for Flink's marker interface of user functions. */
public interface Function extends java.io.Serializable {}
