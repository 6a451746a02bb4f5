package com.example.migration;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.DiscardingSink;

// The shape of the job behind the new-stateful-udf-migration-itcase fixtures:
// two pipelines source(uid) -> keyBy -> flatMap(uid) -> keyBy -> transform(uid)
// -> addSink (no uid). Written here; only the shape and the uids matter.
public class MigrationJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        env.setMaxParallelism(4);

        DataStream<Long> first = env.addSource(new NumberSource()).uid("CheckpointingSource1");
        first.keyBy(v -> v)
                .flatMap(new CountingFlatMap())
                .uid("CheckpointingKeyedStateFlatMap1")
                .keyBy(v -> v)
                .process(new TimerProcess())
                .uid("CheckpointingTimelyStatefulOperator1")
                .addSink(new DiscardingSink<>());

        DataStream<Long> second = env.addSource(new NumberSource()).uid("CheckpointingSource2");
        second.keyBy(v -> v)
                .flatMap(new CountingFlatMap())
                .uid("CheckpointingKeyedStateFlatMap2")
                .keyBy(v -> v)
                .process(new TimerProcess())
                .uid("CheckpointingTimelyStatefulOperator2")
                .addSink(new DiscardingSink<>());

        env.execute("migration");
    }
}
