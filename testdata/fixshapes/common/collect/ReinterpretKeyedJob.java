package fixshapes.collect;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.PerKindTotals;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** DataStreamUtils.reinterpretAsKeyedStream: keyed state without a shuffle, on an already partitioned stream. */
public class ReinterpretKeyedJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStreamUtils.reinterpretAsKeyedStream(events, e -> e.userId)
                .process(new PerKindTotals()) // fix: uid
                .sinkTo(new DiscardingSink<>());
        env.execute("reinterpret-keyed");
    }
}
