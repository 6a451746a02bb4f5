package fixshapes.mixed;

import java.time.Duration;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import fixshapes.functions.DedupFunction;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** One long chain spread over many lines, with line and block comments between the calls. */
public class CommentedChainJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env
                // read the click stream
                .fromSource( // fix: uid
                        Events.generator(1_000),
                        Events.watermarks(),
                        "clicks") /* the name shows in the web UI */
                // one record per user and hour
                .keyBy(e -> e.userId)
                .process(new DedupFunction<String, Event>()) // fix: uid
                /* then: per-user totals over 10 minutes */
                .keyBy(e -> e.userId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(10)))
                // amounts add up
                .reduce( // fix: uid
                        (a, b) -> new Event(a.userId, a.kind, a.amount + b.amount, b.timestamp)
                ) // end of reduce
                .map(Event::toString) // stateless
                .sinkTo(new PrintSink<>());
        env.execute("commented-chain");
    }
}
