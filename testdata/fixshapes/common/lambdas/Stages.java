package fixshapes.lambdas;

import java.util.function.Function;

import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import fixshapes.functions.DedupFunction;
import fixshapes.functions.RecentEvents;
import fixshapes.model.Event;

/** Reusable stages kept as Function constants; StagesJob (another file) applies each once. */
public final class Stages {
    private Stages() {}

    public static final Function<KeyedStream<Event, String>, SingleOutputStreamOperator<Event>> DEDUP =
            keyed -> keyed.process(new DedupFunction<String, Event>()); // fix: uid

    public static final Function<KeyedStream<Event, String>, SingleOutputStreamOperator<String>> RECENT = keyed -> {
        return keyed
                .process(new RecentEvents()) // fix: uid
                .name("recent");
    };
}
