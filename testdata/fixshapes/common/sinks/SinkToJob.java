package fixshapes.sinks;

import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.model.Events;

/**
 * Sink V2 sinks: FileSink keeps in-progress files and pending committables in state (stateful,
 * DataStreamSink.uid exists); PrintSink and DiscardingSink keep none.
 */
public class SinkToJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(10_000);
        DataStream<String> lines = env.fromSource(Events.lines(1_000), org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(), "lines"); // fix: uid
        FileSink<String> files = FileSink.forRowFormat(new Path("/tmp/fixshapes-out"), new SimpleStringEncoder<String>()).build();
        DataStreamSink<String> fileSink = lines.sinkTo(files); // fix: uid
        fileSink.setParallelism(1);
        lines.sinkTo(new PrintSink<>("debug"));
        lines.sinkTo(new DiscardingSink<>()).name("discard");
        env.execute("sink-to");
    }
}
