package fixshapes.builders;

import java.time.Duration;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** Applies SessionStage twice (short and long sessions) with distinct uid prefixes. */
public class SessionJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(5_000), Events.watermarks(), "events"); // fix: uid
        DataStream<Event> shortSessions = new SessionStage().uidPrefix("short").gap(Duration.ofMinutes(5)).apply(events);
        DataStream<Event> longSessions = new SessionStage().uidPrefix("long").gap(Duration.ofHours(1)).apply(events);
        shortSessions.union(longSessions).sinkTo(new DiscardingSink<>());
        env.execute("sessions");
    }
}
