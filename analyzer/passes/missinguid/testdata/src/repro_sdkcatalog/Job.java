package repro_sdkcatalog;

import co.decodable.sdk.pipeline.DecodableStreamSink;
import co.decodable.sdk.pipeline.DecodableStreamSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.gcp.pubsub.PubSubSink;
import org.apache.flink.streaming.connectors.gcp.pubsub.PubSubSource;
import org.apache.flink.streaming.util.FiniteTestSource;

// Corpus mistakes (decodableco/examples, afedulov/fraud-detection-demo):
// connector classes the catalog did not know were "unknown". The Decodable
// SDK's sink delegates to a KafkaSink; Pub/Sub's legacy source acknowledges
// ids it keeps in operator state, its legacy sink registers none; so does
// Flink's FiniteTestSource (apache/bahir-flink's tests).
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.fromSource( // want "stateful operator \"fromSource\" has no uid;"
                DecodableStreamSource.<String>builder().withStreamName("in").build(),
                WatermarkStrategy.noWatermarks(), "in");
        in.sinkTo(DecodableStreamSink.<String>builder().withStreamName("out").build()); // want "stateful operator \"sinkTo\" has no uid;"
        DataStream<String> subs = env.addSource( // want "stateful operator \"addSource\" has no uid;"
                PubSubSource.newBuilder().withDeserializationSchema(new SimpleStringSchema())
                        .withProjectName("p").withSubscriptionName("s").build());
        subs.addSink(PubSubSink.newBuilder().withSerializationSchema(new SimpleStringSchema())
                .withProjectName("p").withTopicName("t").build());
        // Flink's test utility only counts completed checkpoints.
        env.addSource(new FiniteTestSource<>("a", "b")).print();
        env.execute();
    }
}
