package fixshapes.returns;

import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.PerKindTotals;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * A method declared DataStreamSource that returns env.fromSource(...): appending .uid() to the
 * returned expression is a type error (incompatible types: SingleOutputStreamOperator cannot be
 * converted to DataStreamSource).
 */
public class ReturnSourceTypedJob {
    static DataStreamSource<Event> readEvents(StreamExecutionEnvironment env) {
        return env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStreamSource<Event> events = readEvents(env);
        events.setParallelism(1);
        events.keyBy(e -> e.userId).process(new PerKindTotals()).sinkTo(new DiscardingSink<>()); // fix: uid
        env.execute("return-source-typed");
    }
}
