package fixshapes.helpers;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import fixshapes.functions.DedupFunction;
import fixshapes.functions.PerKindTotals;
import fixshapes.model.Event;

/** Static helpers in a file of their own; CrossFileHelperJob calls totals twice and dedup once. */
public final class Pipelines {
    private Pipelines() {}

    public static SingleOutputStreamOperator<String> totals(DataStream<Event> in) {
        return in.keyBy(e -> e.userId)
                .process(new PerKindTotals()) // fix: none called twice by CrossFileHelperJob
                .name("per-kind-totals");
    }

    public static SingleOutputStreamOperator<Event> dedup(DataStream<Event> in) {
        return in.keyBy(e -> e.userId + "/" + e.kind)
                .process(new DedupFunction<String, Event>()); // fix: uid
    }
}
