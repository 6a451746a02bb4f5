package org.apache.flink.streaming.api.operators;

public interface StreamOperatorFactory<O> extends java.io.Serializable {
    <T extends StreamOperator<O>> T createStreamOperator(Object parameters);
}
