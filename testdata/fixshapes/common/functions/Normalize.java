package fixshapes.functions;

import org.apache.flink.api.common.functions.MapFunction;

import fixshapes.model.Event;

/** A stateless map: lower-cases the kind. */
public class Normalize implements MapFunction<Event, Event> {
    @Override
    public Event map(Event e) {
        return new Event(e.userId, e.kind.toLowerCase(java.util.Locale.ROOT), e.amount, e.timestamp);
    }
}
