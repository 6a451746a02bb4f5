package com.acme.jobs;

import static com.acme.common.Uids.WINDOW;

import com.acme.common.Names;
import com.acme.common.Uids;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

public class Pipeline implements Names {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> src = env.fromSequence(0, 9).uid(Uids.SOURCE);
        src.keyBy(v -> v).sum(0).uid(DEDUP);
        src.keyBy(v -> v).window(TumblingEventTimeWindows.of(null)).sum(0).uid(WINDOW);
        src.keyBy(v -> v).max(0).uid(Uids.Sinks.KAFKA);
        final String local = "local-" + Pipeline.class.getSimpleName();
        src.keyBy(v -> v).min(0).uid(local);
        src.keyBy(v -> v).minBy(0); // want "\"minBy\" has no uid"
        src.keyBy(v -> v).maxBy(0).uid(Uids.of("maxby"));
        env.execute();
    }
}
