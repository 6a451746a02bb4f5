package fixshapes.helpers;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.PerKindTotals;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * A helper called twice by the same job: a constant uid inside it would be given to two
 * operators, and building the job graph fails with "Hash collision on user-specified ID".
 */
public class HelperTwiceJob {
    private static DataStream<Event> read(StreamExecutionEnvironment env, String name, long count) {
        return env.fromSource(Events.generator(count), WatermarkStrategy.noWatermarks(), name); // fix: none helper called twice by main
    }

    private static DataStream<String> totals(DataStream<Event> in) {
        return in.keyBy(e -> e.userId).process(new PerKindTotals()); // fix: none helper called twice by main
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> web = totals(read(env, "web", 1_000));
        DataStream<String> app = totals(read(env, "app", 2_000));
        web.union(app).sinkTo(new DiscardingSink<>());
        env.execute("helper-twice");
    }
}
