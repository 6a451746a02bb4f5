package fixshapes.sinks;

import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import fixshapes.functions.PerKindTotals;
import fixshapes.model.Events;

/** A Sink V2 FileSink at the end of a fluent chain, named and configured after sinkTo. */
public class NamedSinkChainJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(10_000);
        env.fromSource(Events.generator(1_000), Events.watermarks(), "events") // fix: uid
                .keyBy(e -> e.userId)
                .process(new PerKindTotals()) // fix: uid
                .sinkTo(FileSink.forRowFormat(new Path("/tmp/fixshapes-totals"), new SimpleStringEncoder<String>()).build()) // fix: uid
                .name("totals-files")
                .setParallelism(2);
        env.execute("named-sink-chain");
    }
}
