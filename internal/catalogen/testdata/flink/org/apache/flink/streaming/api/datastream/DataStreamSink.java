package org.apache.flink.streaming.api.datastream;

public class DataStreamSink<T> {}
