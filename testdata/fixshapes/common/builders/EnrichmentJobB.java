package fixshapes.builders;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** Second user of EnrichmentPipeline; adds no stateful operator of its own. */
public class EnrichmentJobB {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new EnrichmentPipeline().capacity(10).build(env)
                .filter(s -> !s.isEmpty())
                .sinkTo(new DiscardingSink<>());
        env.execute("enrichment-b");
    }
}
