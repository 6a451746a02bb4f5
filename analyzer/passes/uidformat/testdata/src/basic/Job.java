package com.example;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> numbers = env.fromSequence(0, 10).uid("numbers");
        numbers.map(v -> v + 1).uid("Plus_One") // want `uid "Plus_One" of "map" does not match the pattern \^\[a-z\]\[a-z0-9-\]\*\$`
                .print().uid("print-sink");
        env.execute();
    }
}
