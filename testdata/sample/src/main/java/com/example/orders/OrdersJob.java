package com.example.orders;

import java.time.Duration;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/** Reads orders, drops duplicates, counts orders per customer per minute. */
public class OrdersJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(60_000);

        KafkaSource<String> source = KafkaSource.<String>builder()
            .setBootstrapServers("kafka:9092")
            .setTopics("orders")
            .setValueOnlyDeserializer(new SimpleStringSchema())
            .build();

        DataStream<String> orders = env
            .fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), "orders")
            .uid(Uids.SOURCE)
            .name("orders");

        DataStream<String> unique = orders
            .keyBy(OrdersJob::orderId)
            .process(new DedupFunction())          // stateful, but no uid
            .name("dedup");

        DataStream<String> counts = unique
            .keyBy(OrdersJob::customerId)
            .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
            .reduce((a, b) -> a)
            .uid("counts-" + UUID.randomUUID());   // changes on every run

        counts.sinkTo(KafkaSink.<String>builder()
                .setBootstrapServers("kafka:9092")
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                    .setTopic("order-counts")
                    .setValueSerializationSchema(new SimpleStringSchema())
                    .build())
                .build())
            .uid(Uids.SOURCE)                       // same uid as the source
            .name("order-counts");

        env.execute("orders");
    }

    static String orderId(String order) {
        return order.split(",")[0];
    }

    static String customerId(String order) {
        return order.split(",")[1];
    }
}
