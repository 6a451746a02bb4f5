package fixshapes.builders;

import java.time.Duration;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;

import fixshapes.model.Event;

/**
 * A builder-style stage with a uid prefix for its window, and a second operator without a uid.
 * SessionJob applies it twice, so a constant uid on the second operator collides ("Hash
 * collision on user-specified ID").
 */
public class SessionStage {
    private String uidPrefix = "sessions";
    private Duration gap = Duration.ofMinutes(30);

    public SessionStage uidPrefix(String uidPrefix) {
        this.uidPrefix = uidPrefix;
        return this;
    }

    public SessionStage gap(Duration gap) {
        this.gap = gap;
        return this;
    }

    public DataStream<Event> apply(DataStream<Event> events) {
        DataStream<Event> sessions = events.keyBy(e -> e.userId)
                .window(EventTimeSessionWindows.withGap(gap))
                .reduce((a, b) -> new Event(a.userId, "session", a.amount + b.amount, b.timestamp))
                .uid(uidPrefix + "-window");
        return sessions.keyBy(e -> e.userId)
                .process(new fixshapes.functions.Throttle()); // fix: none stage applied twice by SessionJob
    }
}
