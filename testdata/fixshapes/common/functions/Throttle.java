package fixshapes.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;

/** Lets through at most one event per user per minute of event time (ValueState). */
public class Throttle extends KeyedProcessFunction<String, Event, Event> {
    private transient ValueState<Long> last;

    @Override
    public void open(OpenContext openContext) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Types.LONG));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        Long previous = last.value();
        if (previous == null || e.timestamp - previous >= 60_000L) {
            last.update(e.timestamp);
            out.collect(e);
        }
    }
}
