package fixshapes.mixed;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Generic user functions with MapState, ValueState and event-time timers, nested in the job class. */
public class TimersAndGenericsJob {
    /** Counts values per attribute for each key and flushes the counts when event time passes the window end. */
    static class CountAndFlush<K, V> extends KeyedProcessFunction<K, V, String> {
        private final KeySelector<V, String> attribute;
        private final long windowMillis;
        private transient MapState<String, Long> counts;
        private transient ValueState<Long> timer;

        CountAndFlush(KeySelector<V, String> attribute, long windowMillis) {
            this.attribute = attribute;
            this.windowMillis = windowMillis;
        }

        @Override
        public void open(OpenContext openContext) {
            counts = getRuntimeContext().getMapState(new MapStateDescriptor<>("counts", Types.STRING, Types.LONG));
            timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", TypeInformation.of(Long.class)));
        }

        @Override
        public void processElement(V value, Context ctx, Collector<String> out) throws Exception {
            String a = attribute.getKey(value);
            Long n = counts.get(a);
            counts.put(a, n == null ? 1 : n + 1);
            if (timer.value() == null) {
                long at = ctx.timestamp() == null ? windowMillis : ctx.timestamp() + windowMillis;
                ctx.timerService().registerEventTimeTimer(at);
                timer.update(at);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            for (java.util.Map.Entry<String, Long> e : counts.entries()) {
                out.collect(ctx.getCurrentKey() + " " + e.getKey() + "=" + e.getValue());
            }
            counts.clear();
            timer.clear();
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStream<String> byUser = events.keyBy(e -> e.userId)
                .process(new CountAndFlush<String, Event>(e -> e.kind, 60_000L)); // fix: uid
        DataStream<String> byKind = events.keyBy(e -> e.kind)
                .process(new CountAndFlush<String, Event>(e -> e.userId, 300_000L)); // fix: uid
        byUser.union(byKind).sinkTo(new DiscardingSink<>());
        env.execute("timers-and-generics");
    }
}
