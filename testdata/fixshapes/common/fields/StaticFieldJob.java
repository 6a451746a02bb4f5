package fixshapes.fields;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.CountingMap;

/** Static fields, kept so that an integration test can reach the streams (a common test-support habit). */
public class StaticFieldJob {
    static DataStreamSource<Long> numbers;
    static SingleOutputStreamOperator<String> counted;

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        numbers = env.fromSource(new NumberSequenceSource(0, 99), WatermarkStrategy.noWatermarks(), "numbers"); // fix: uid
        counted = numbers.keyBy(n -> n % 3).map(new CountingMap<Long>()); // fix: uid
        StaticFieldJob.counted.sinkTo(new DiscardingSink<>());
        env.execute("static-field");
    }
}
