package fixshapes.broadcast;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;
import fixshapes.model.Rule;

/** Threshold rules broadcast to a keyed and to a non-keyed stream (broadcast state is operator state). */
public class RulesBroadcastJob {
    static final MapStateDescriptor<String, Rule> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(Rule.class));

    static class KeyedAlerts extends KeyedBroadcastProcessFunction<String, Event, Rule, String> {
        @Override
        public void processElement(Event e, ReadOnlyContext ctx, Collector<String> out) throws Exception {
            Rule rule = ctx.getBroadcastState(RULES).get(e.kind);
            if (rule != null && e.amount > rule.threshold) {
                out.collect("alert " + e);
            }
        }

        @Override
        public void processBroadcastElement(Rule rule, Context ctx, Collector<String> out) throws Exception {
            ctx.getBroadcastState(RULES).put(rule.kind, rule);
        }
    }

    static class RuleAudit extends BroadcastProcessFunction<Event, Rule, String> {
        @Override
        public void processElement(Event e, ReadOnlyContext ctx, Collector<String> out) throws Exception {
            if (!ctx.getBroadcastState(RULES).contains(e.kind)) {
                out.collect("no rule for " + e.kind);
            }
        }

        @Override
        public void processBroadcastElement(Rule rule, Context ctx, Collector<String> out) throws Exception {
            ctx.getBroadcastState(RULES).put(rule.kind, rule);
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStreamSource<String> ruleLines = env.fromSource(Events.lines(4), WatermarkStrategy.noWatermarks(), "rules"); // fix: uid
        BroadcastStream<Rule> rules = ruleLines
                .map(line -> new Rule(line.endsWith("0") ? "buy" : "refund", line.length() * 10L))
                .broadcast(RULES);
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStream<String> alerts = events
                .keyBy(e -> e.userId)
                .connect(rules)
                .process(new KeyedAlerts()); // fix: uid
        DataStream<String> audit = events.connect(rules).process(new RuleAudit()); // fix: uid
        alerts.union(audit).sinkTo(new DiscardingSink<>());
        env.execute("rules-broadcast");
    }
}
