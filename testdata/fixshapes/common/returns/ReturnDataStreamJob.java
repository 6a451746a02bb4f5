package fixshapes.returns;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

import fixshapes.functions.CountingMap;

/** Methods declared DataStream returning a source and an operator: appending .uid() compiles. */
public class ReturnDataStreamJob {
    private static DataStream<Long> numbers(StreamExecutionEnvironment env, long to) {
        return env.fromSource(new NumberSequenceSource(1, to), WatermarkStrategy.noWatermarks(), "numbers"); // fix: uid
    }

    private static DataStream<String> numbered(DataStream<Long> in) {
        return in
                .keyBy(n -> n % 10)
                .map(new CountingMap<Long>()); // fix: uid
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        numbered(numbers(env, 10_000)).sinkTo(new PrintSink<>());
        env.execute("return-datastream");
    }
}
