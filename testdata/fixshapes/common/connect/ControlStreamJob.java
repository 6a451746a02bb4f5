package fixshapes.connect;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** connect(...).keyBy(..., ...).process(KeyedCoProcessFunction): a per-user block list from a control stream. */
public class ControlStreamJob {
    static class BlockList extends KeyedCoProcessFunction<String, String, Event, Event> {
        private transient ValueState<Boolean> blocked;

        @Override
        public void open(OpenContext openContext) {
            blocked = getRuntimeContext().getState(new ValueStateDescriptor<>("blocked", Types.BOOLEAN));
        }

        @Override
        public void processElement1(String userToBlock, Context ctx, Collector<Event> out) throws Exception {
            blocked.update(true);
        }

        @Override
        public void processElement2(Event e, Context ctx, Collector<Event> out) throws Exception {
            if (blocked.value() == null) {
                out.collect(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> control = env.fromSource(Events.lines(10), WatermarkStrategy.noWatermarks(), "control") // fix: uid
                .map(line -> "user-" + line.length());
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        control.connect(events)
                .keyBy(user -> user, e -> e.userId)
                .process(new BlockList()) // fix: uid
                .sinkTo(new DiscardingSink<>());
        env.execute("control-stream");
    }
}
