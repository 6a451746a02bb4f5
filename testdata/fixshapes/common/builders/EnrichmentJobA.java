package fixshapes.builders;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

import fixshapes.functions.CountingMap;

/** First user of EnrichmentPipeline. */
public class EnrichmentJobA {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new EnrichmentPipeline().count(10_000).build(env)
                .keyBy(s -> s.substring(0, 6))
                .map(new CountingMap<String>()) // fix: uid
                .sinkTo(new PrintSink<>());
        env.execute("enrichment-a");
    }
}
