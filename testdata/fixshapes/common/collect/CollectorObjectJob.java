package fixshapes.collect;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import fixshapes.functions.CountingMap;

/** collectAsync(Collector) as a statement of its own, as integration tests write it. */
public class CollectorObjectJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> numbered = env
                .fromSource(new NumberSequenceSource(1, 50), WatermarkStrategy.noWatermarks(), "numbers") // fix: uid
                .keyBy(n -> n % 5)
                .map(new CountingMap<Long>()); // fix: uid
        DataStream.Collector<String> collector = new DataStream.Collector<>();
        numbered.collectAsync(collector); // fix: none collect sink (collectAsync returns void)
        env.execute("collector-object");
        while (collector.getOutput().hasNext()) {
            System.out.println(collector.getOutput().next());
        }
    }
}
