package fixshapes.cep;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.flink.cep.CEP;
import org.apache.flink.cep.PatternSelectFunction;
import org.apache.flink.cep.PatternStream;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** CEP: the operator (NFA state, buffered events) is created by select/process on the PatternStream. */
public class FraudPatternJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        KeyedStream<Event, String> byUser = events.keyBy(e -> e.userId);

        Pattern<Event, Event> buyThenRefund = Pattern.<Event>begin("buy")
                .where(SimpleCondition.of(e -> e.kind.equals("buy")))
                .next("refund")
                .where(SimpleCondition.of(e -> e.kind.equals("refund")))
                .within(Duration.ofMinutes(10));

        DataStream<String> selected = CEP.pattern(byUser, buyThenRefund)
                .select(new PatternSelectFunction<Event, String>() { // fix: uid
                    @Override
                    public String select(Map<String, List<Event>> match) {
                        return "refund after buy: " + match.get("buy").get(0).userId;
                    }
                });

        PatternStream<Event> twoRefunds = CEP.pattern(byUser,
                Pattern.<Event>begin("first").where(SimpleCondition.of(e -> e.kind.equals("refund")))
                        .followedBy("second").where(SimpleCondition.of(e -> e.kind.equals("refund"))));
        DataStream<String> processed = twoRefunds.process(new PatternProcessFunction<Event, String>() { // fix: uid
            @Override
            public void processMatch(Map<String, List<Event>> match, Context ctx, Collector<String> out) {
                out.collect("two refunds: " + match.get("first").get(0).userId);
            }
        });
        selected.union(processed).sinkTo(new DiscardingSink<>());
        env.execute("fraud-pattern");
    }
}
