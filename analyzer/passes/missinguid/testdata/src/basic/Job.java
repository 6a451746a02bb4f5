package com.example;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

public class Job {
    static final String className = "OrdersJob";

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaSource<String> source = KafkaSource.<String>builder().setTopics("orders").build();

        DataStream<String> orders = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka") // want "stateful operator \"fromSource\" has no uid"
            ;

        DataStream<String> named = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka2")
            .uid(className + "-KafkaSource01");

        orders.keyBy(s -> s)
            .flatMap(new Dedup()) // want "stateful operator \"flatMap\" has no uid.*Dedup uses state"
            .map(s -> s + "!")
            .print();

        orders.keyBy(s -> s).flatMap(new Dedup()).uid("dedup");

        orders.keyBy(s -> s).sum(1); // want "keyed aggregation"

        env.execute("orders");
    }

    static class Dedup extends RichFlatMapFunction<String, String> {
        private transient ValueState<Boolean> seen;

        @Override
        public void open(Configuration parameters) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        }

        @Override
        public void flatMap(String value, Collector<String> out) throws Exception {
            if (seen.value() == null) {
                seen.update(true);
                out.collect(value);
            }
        }
    }
}
