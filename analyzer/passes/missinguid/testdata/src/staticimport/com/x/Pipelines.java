package com.x;

import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public final class Pipelines {
    public static SingleOutputStreamOperator<Long> counts(StreamExecutionEnvironment env) {
        return env.fromSequence(0, 9).uid("numbers").keyBy(v -> v).sum(0); // want "\"sum\" has no uid"
    }
}
