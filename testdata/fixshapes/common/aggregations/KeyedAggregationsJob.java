package fixshapes.aggregations;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Rolling keyed aggregations (sum, max, reduce) keep the running value per key; the map before them is stateless. */
public class KeyedAggregationsJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStream<Tuple2<String, Long>> amounts = events
                .map(e -> Tuple2.of(e.userId, e.amount))
                .returns(Types.TUPLE(Types.STRING, Types.LONG));
        KeyedStream<Tuple2<String, Long>, String> byUser = amounts.keyBy(t -> t.f0);
        DataStream<Tuple2<String, Long>> sums = byUser.sum(1); // fix: uid
        DataStream<Tuple2<String, Long>> maxima = byUser.max(1); // fix: uid
        DataStream<Tuple2<String, Long>> reduced = amounts
                .keyBy(t -> t.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1)); // fix: uid
        sums.union(maxima, reduced).sinkTo(new DiscardingSink<>());
        env.execute("keyed-aggregations");
    }
}
