package fixshapes.sideoutputs;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import fixshapes.functions.RecentEvents;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** Routes events older than the user's high-water mark to a side output (ValueState), and processes both outputs. */
public class LateEventsJob {
    static final OutputTag<Event> LATE = new OutputTag<Event>("late") {};

    static class SplitLate extends KeyedProcessFunction<String, Event, Event> {
        private transient ValueState<Long> highWater;

        @Override
        public void open(OpenContext openContext) {
            highWater = getRuntimeContext().getState(new ValueStateDescriptor<>("high-water", Types.LONG));
        }

        @Override
        public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
            Long hw = highWater.value();
            if (hw != null && e.timestamp < hw) {
                ctx.output(LATE, e);
                return;
            }
            highWater.update(e.timestamp);
            out.collect(e);
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        SingleOutputStreamOperator<Event> onTime = events.keyBy(e -> e.userId).process(new SplitLate()); // fix: uid
        DataStream<Event> late = onTime.getSideOutput(LATE);
        late.keyBy(e -> e.userId).process(new RecentEvents()).sinkTo(new DiscardingSink<>()); // fix: uid
        onTime.sinkTo(new DiscardingSink<>());
        env.execute("late-events");
    }
}
