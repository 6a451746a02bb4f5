package fixshapes.ternary;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.BufferingCounter;

/**
 * A ternary of two sources assigned to a DataStreamSource local: .uid() appended to either
 * branch makes the conditional a SingleOutputStreamOperator, which the local cannot hold.
 */
public class TernarySourceTypedJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        boolean small = args.length > 0 && args[0].equals("small");
        DataStreamSource<Long> ids = small ? env.fromSource(new NumberSequenceSource(1, 10), WatermarkStrategy.noWatermarks(), "ids-small") // fix: uid
                : env.fromSource(new NumberSequenceSource(1, 10_000_000), WatermarkStrategy.noWatermarks(), "ids"); // fix: uid
        ids.setParallelism(small ? 1 : 4);
        ids.map(new BufferingCounter<Long>()).sinkTo(new DiscardingSink<>()); // fix: uid
        env.execute("ternary-source-typed");
    }
}
