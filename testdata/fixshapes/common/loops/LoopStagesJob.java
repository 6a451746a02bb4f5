package fixshapes.loops;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.DedupFunction;
import fixshapes.functions.RecentEvents;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** A chain of dedup stages built in a while loop, then one stateful operator after the loop. */
public class LoopStagesJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        int stages = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        DataStream<Event> stream = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        int i = 0;
        while (i < stages) {
            stream = stream
                    .keyBy(e -> e.userId)
                    .process(new DedupFunction<String, Event>()) // fix: none created in a loop
                    .name("dedup-stage-" + i);
            i++;
        }
        stream.keyBy(e -> e.userId).process(new RecentEvents()).sinkTo(new DiscardingSink<>()); // fix: uid
        env.execute("loop-stages");
    }
}
