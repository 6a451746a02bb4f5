package com.example.known;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Uses every uid of the known-uid table of testdata/savepoints/collection/PROVENANCE.md,
 * so that savepoint inspect --src can map the fixtures' OperatorIDs back to
 * source lines. Only the uids matter; the operators are placeholders.
 */
public class KnownUids {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> s = env.fromSequence(0, 10);
        s = s.map(v -> v + 0).uid("CheckpointingSource1");
        s = s.map(v -> v + 1).uid("CheckpointingKeyedStateFlatMap1");
        s = s.map(v -> v + 2).uid("CheckpointingTimelyStatefulOperator1");
        s = s.map(v -> v + 3).uid("CheckpointingSource2");
        s = s.map(v -> v + 4).uid("CheckpointingKeyedStateFlatMap2");
        s = s.map(v -> v + 5).uid("CheckpointingTimelyStatefulOperator2");
        s = s.map(v -> v + 6).uid("BrCheckpointingSource1");
        s = s.map(v -> v + 7).uid("BrCheckpointingSource2");
        s = s.map(v -> v + 8).uid("BrProcess1");
        s = s.map(v -> v + 9).uid("BrProcess2");
        s = s.map(v -> v + 10).uid("checkpointedSource");
        s = s.map(v -> v + 11).uid("checkpointedBroadcastSource");
        s = s.map(v -> v + 12).uid("window");
        s = s.map(v -> v + 13).uid("first");
        s = s.map(v -> v + 14).uid("second");
        s = s.map(v -> v + 15).uid("third");
        s = s.map(v -> v + 16).uid("my-source");
        s = s.map(v -> v + 17).uid("my-map");
        s = s.map(v -> v + 18).uid("my-sink");
        s = s.map(v -> v + 19).uid("1c4ec0f9-2d96-46e9-99ea-45e8c3df5202");
        s = s.map(v -> v + 20).uid("kafka-source-operator-uid");
        s = s.map(v -> v + 21).uid("datagen-source-uid");
        s = s.map(v -> v + 22).uid("keyed-state-process-uid");
        s = s.map(v -> v + 23).uid("broadcast-process-uid");
        s = s.map(v -> v + 24).uid("1_source");
        s = s.map(v -> v + 25).uid("2_calc");
        s = s.map(v -> v + 26).uid("3_sink");
        s.print();
        env.execute();
    }
}
