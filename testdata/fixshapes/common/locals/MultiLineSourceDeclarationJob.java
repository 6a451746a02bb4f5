package fixshapes.locals;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.BufferingCounter;

/**
 * A DataStreamSource local whose initializer spans lines and ends in setParallelism (which
 * DataStreamSource overrides to return DataStreamSource), so the chain's end is still not a
 * place for .uid().
 */
public class MultiLineSourceDeclarationJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStreamSource<Long> ticks =
                env.fromSource( // fix: uid
                                new NumberSequenceSource(1, 1_000),
                                WatermarkStrategy.noWatermarks(),
                                "ticks")
                        .setParallelism(1);
        ticks.map(new BufferingCounter<Long>()) // fix: uid
                .sinkTo(new DiscardingSink<>());
        env.execute("multi-line-source");
    }
}
