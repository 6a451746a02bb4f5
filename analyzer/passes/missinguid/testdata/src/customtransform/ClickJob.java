package customtransform;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ClickJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> clicks = env.fromSequence(0, 1000).uid("clicks").map(String::valueOf).uid("to-string");
        // Everything after the helpers is still this job's pipeline.
        Streams.spread(clicks).keyBy(s -> s).reduce((a, b) -> a); // want "\"reduce\" has no uid"
        Streams.dedupe(clicks, Types.STRING).keyBy(s -> s).sum(0); // want "\"sum\" has no uid"
        Streams.dedupe(clicks, Types.STRING).uid("dedupe-2").keyBy(s -> s).max(0).uid("max");
        Streams.dedupeWithUid(clicks, Types.STRING).keyBy(s -> s).min(0).uid("min");
        Streams.match(clicks, Streams.spread(clicks), Types.STRING).keyBy(s -> s).maxBy(0); // want "\"maxBy\" has no uid"
        env.execute("clicks");
    }
}
