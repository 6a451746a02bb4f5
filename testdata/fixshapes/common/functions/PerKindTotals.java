package fixshapes.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;

/** Sums amounts per kind for each user in MapState. */
public class PerKindTotals extends KeyedProcessFunction<String, Event, String> {
    private transient MapState<String, Long> totals;

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getMapState(new MapStateDescriptor<>("totals", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<String> out) throws Exception {
        Long before = totals.get(e.kind);
        long now = (before == null ? 0 : before) + e.amount;
        totals.put(e.kind, now);
        out.collect(e.userId + " " + e.kind + " " + now);
    }
}
