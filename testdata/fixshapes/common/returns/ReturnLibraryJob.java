package fixshapes.returns;

import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.CountingMap;

/** Reads through Sources.lines (another file), then numbers the lines per length. */
public class ReturnLibraryJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStreamSource<String> lines = Sources.lines(env, args.length > 0 ? args[0] : "/tmp/input");
        lines.setParallelism(1);
        lines.keyBy(String::length).map(new CountingMap<String>()).sinkTo(new DiscardingSink<>()); // fix: uid
        env.execute("return-library");
    }
}
