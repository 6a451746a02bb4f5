package fixshapes.connect;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.ConnectedStreams;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.CoMapFunction;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Two keyed streams connected into a CoProcessFunction with keyed state, and a stateless CoMap for contrast. */
public class KeyedConnectJob {
    static class MatchOrders extends CoProcessFunction<Event, Event, String> {
        private transient ValueState<Event> pending;

        @Override
        public void open(OpenContext openContext) {
            pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", Event.class));
        }

        @Override
        public void processElement1(Event order, Context ctx, Collector<String> out) throws Exception {
            pending.update(order);
        }

        @Override
        public void processElement2(Event payment, Context ctx, Collector<String> out) throws Exception {
            if (pending.value() != null) {
                out.collect(payment.userId + " paid");
                pending.clear();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> orders = env.fromSource(Events.generator(500), Events.watermarks(), "orders"); // fix: uid
        DataStream<Event> payments = env.fromSource(Events.generator(500), Events.watermarks(), "payments"); // fix: uid
        ConnectedStreams<Event, Event> pairs = orders.keyBy(e -> e.userId).connect(payments.keyBy(e -> e.userId));
        DataStream<String> matched = pairs.process(new MatchOrders()); // fix: uid
        DataStream<String> labels = orders.connect(payments).map(new CoMapFunction<Event, Event, String>() {
            @Override
            public String map1(Event e) {
                return "order " + e.userId;
            }

            @Override
            public String map2(Event e) {
                return "payment " + e.userId;
            }
        });
        matched.union(labels).sinkTo(new DiscardingSink<>());
        env.execute("keyed-connect");
    }
}
