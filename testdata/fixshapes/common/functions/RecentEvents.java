package fixshapes.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;

/** Keeps the recent events of a user in ListState and emits a summary line. */
public class RecentEvents extends KeyedProcessFunction<String, Event, String> {
    private transient ListState<Event> recent;

    @Override
    public void open(OpenContext openContext) {
        recent = getRuntimeContext().getListState(new ListStateDescriptor<>("recent", TypeInformation.of(Event.class)));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<String> out) throws Exception {
        recent.add(e);
        int n = 0;
        for (Event ignored : recent.get()) {
            n++;
        }
        out.collect(e.userId + " has " + n + " recent events");
    }
}
