package repro_abstractsource;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// The only definition in the main sources: the library's callers set its uid.
public class QueueSourceDef extends SourceDef<String> {
    @Override
    String name() {
        return "queue";
    }

    @Override
    public SingleOutputStreamOperator<String> build(StreamExecutionEnvironment env) {
        KafkaSource<String> source = KafkaSource.<String>builder().setTopics("t").build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name());
    }
}
