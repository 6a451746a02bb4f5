package fixshapes.locals;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

import fixshapes.functions.CountingMap;

/** Locals of declared type DataStream: appending .uid() to the initializer compiles. */
public class DataStreamLocalJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> numbers = env.fromSource(new NumberSequenceSource(1, 1_000_000), WatermarkStrategy.noWatermarks(), "numbers"); // fix: uid
        DataStream<String> numbered = numbers.keyBy(n -> n % 8).map(new CountingMap<Long>()); // fix: uid
        DataStream<String> upper = numbered.map(String::toUpperCase);
        upper.sinkTo(new PrintSink<>());
        env.execute("datastream-local");
    }
}
