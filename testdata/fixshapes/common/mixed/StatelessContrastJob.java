package fixshapes.mixed;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.util.Collector;

import fixshapes.functions.Normalize;
import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** Mostly stateless operators (no marker: no edit expected) around one stateful operator and the source. */
public class StatelessContrastJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStream<Event> cleaned = events
                .filter(e -> e.amount >= 0)
                .map(new Normalize())
                .flatMap((Event e, Collector<Event> out) -> {
                    if (!e.kind.isEmpty()) {
                        out.collect(e);
                    }
                })
                .returns(Event.class)
                .rebalance();
        DataStream<String> labels = cleaned.process(new ProcessFunction<Event, String>() {
            @Override
            public void processElement(Event e, Context ctx, Collector<String> out) {
                out.collect(e.kind.toUpperCase(java.util.Locale.ROOT));
            }
        }).returns(Types.STRING);
        DataStream<Event> throttled = cleaned.keyBy(e -> e.userId).process(new Throttle()); // fix: uid
        labels.sinkTo(new PrintSink<>());
        throttled.map(Event::toString).sinkTo(new PrintSink<>());
        env.execute("stateless-contrast");
    }
}
