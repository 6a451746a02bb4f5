package fixtures;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A job per fixture family of testdata/savepoints/collection/PROVENANCE.md, using its uids. */
public class KnownUIDs {
    static final String UNIFIED_SINK_UID = "1c4ec0f9-2d96-46e9-99ea-45e8c3df5202";

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> s1 = env.addSource(null).uid("CheckpointingSource1");
        s1.keyBy(v -> v).flatMap((Long v, Collector<Long> out) -> out.collect(v)).uid("CheckpointingKeyedStateFlatMap1")
            .keyBy(v -> v).transform("timely", null, null).uid("CheckpointingTimelyStatefulOperator1")
            .addSink(null);
        DataStream<Long> s2 = env.addSource(null).uid("CheckpointingSource2");
        s2.keyBy(v -> v).flatMap((Long v, Collector<Long> out) -> out.collect(v)).uid("CheckpointingKeyedStateFlatMap2")
            .keyBy(v -> v).transform("timely", null, null).uid("CheckpointingTimelyStatefulOperator2")
            .addSink(null);
        env.execute("StatefulJobSnapshotMigration");
    }

    public static void broadcastJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        MapStateDescriptor<Long, Long> d = new MapStateDescriptor<>("broadcast-state-1", Long.class, Long.class);
        BroadcastStream<Long> b1 = env.addSource(null).uid("BrCheckpointingSource1").broadcast(d);
        BroadcastStream<Long> b2 = env.addSource(null).uid("BrCheckpointingSource2").broadcast(d);
        env.fromSequence(0, 1).uid("checkpointedSource").keyBy(v -> v).connect(b1).process(null).uid("BrProcess1");
        env.fromSequence(0, 1).uid("checkpointedBroadcastSource").keyBy(v -> v).connect(b2).process(null).uid("BrProcess2");
        env.execute();
    }

    public static void operatorStateJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 1).uid("first")
            .map(v -> v).uid("second")
            .keyBy(v -> v).countWindow(2).sum(0).uid("window")
            .map(v -> v).uid("third");
        env.execute();
    }

    public static void e2eJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.addSource(null).uid("my-source").keyBy(v -> v).map(v -> v).uid("my-map").addSink(null).uid("my-sink");
        env.execute();
    }

    public static void connectorJobs() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSource(null, null, "kafka").uid("kafka-source-operator-uid")
            .sinkTo(new UnifiedSink()).uid(UNIFIED_SINK_UID);
        DataStream<Long> gen = env.fromSource(null, null, "datagen").uid("datagen-source-uid");
        gen.keyBy(v -> v).process(new KeyedProcessFunction<Long, Long, Long>() {
            @Override
            public void processElement(Long v, Context ctx, Collector<Long> out) {}
        }).uid("keyed-state-process-uid");
        gen.connect(gen.broadcast(new MapStateDescriptor<>("b", Long.class, Long.class))).process(null).uid("broadcast-process-uid");
        env.fromSequence(0, 1).uid("1_source").map(v -> v).uid("2_calc").print().uid("3_sink");
        env.fromSequence(0, 1).uid(String.valueOf(42)).map(v -> v).uid("4" + 4);
        env.execute();
    }
}
