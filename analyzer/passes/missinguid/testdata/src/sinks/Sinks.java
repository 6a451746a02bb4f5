package sinks;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.streaming.connectors.kafka.FlinkKafkaProducer;

public class Sinks {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("a", 1);
        in.addSink(new FlinkKafkaProducer<>("t", null, null)); // want "\"addSink\" has no uid.*FlinkKafkaProducer.initializeState registers state"
        in.addSink(new RichSinkFunction<String>() {
            public void invoke(String v, Context c) {}
        });
        KafkaSink<String> kafka = KafkaSink.<String>builder().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).build();
        in.sinkTo(kafka); // want "\"sinkTo\" has no uid.*KafkaSink"
        in.sinkTo(FileSink.forRowFormat(new Path("/out"), null).build()); // want "\"sinkTo\" has no uid.*FileSink"
        in.sinkTo(new MysterySink()); // want "\"sinkTo\" has no uid and may be stateful"
        in.print();
        in.printToErr();
        in.writeAsText("/tmp/out");
        in.executeAndCollect(); // a collect sink cannot carry a uid: not reported
        in.sinkTo(kafka).uid("kafka-sink");
        // Found on real code: the builder created directly.
        in.sinkTo(new org.apache.flink.connector.kafka.sink.KafkaSinkBuilder<String>().build()); // want "\"sinkTo\" has no uid.*KafkaSink"
        // Found on real code: a builder nested in a connector class.
        org.apache.flink.streaming.connectors.elasticsearch7.ElasticsearchSink.Builder<String> es =
            new org.apache.flink.streaming.connectors.elasticsearch7.ElasticsearchSink.Builder<>(null, null);
        in.addSink(es.build()); // flushes on checkpoint but registers no state (bytecode catalog): no finding
        env.execute();
    }
}
