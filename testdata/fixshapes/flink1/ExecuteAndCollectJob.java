package fixshapes.flink1;

import java.util.List;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import fixshapes.functions.CountingMap;

/**
 * Flink 1.x only (removed in 2.x): executeAndCollect() returns an iterator and
 * executeAndCollect(n) a List; their collect sinks cannot carry a uid.
 */
public class ExecuteAndCollectJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> numbered = env.fromSource(new NumberSequenceSource(1, 100), WatermarkStrategy.noWatermarks(), "numbers") // fix: uid
                .keyBy(n -> n % 3)
                .map(new CountingMap<Long>()); // fix: uid
        List<String> firstTen = numbered.executeAndCollect(10); // fix: none collect sink (executeAndCollect returns a List)
        System.out.println(firstTen);
        try (CloseableIterator<String> all = numbered.executeAndCollect("all numbers")) { // fix: none collect sink (executeAndCollect returns an iterator)
            all.forEachRemaining(System.out::println);
        }
    }
}
