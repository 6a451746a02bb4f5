package fixshapes.loops;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** One source and one stateful operator per region, created in a for loop: no constant uid fits. */
public class LoopSourcesJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        String[] regions = {"eu", "us", "ap"};
        List<DataStream<Event>> perRegion = new ArrayList<>();
        for (String region : regions) {
            DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events-" + region); // fix: none created in a loop
            perRegion.add(events.keyBy(e -> e.userId).process(new Throttle())); // fix: none created in a loop
        }
        DataStream<Event> all = perRegion.get(0);
        for (int i = 1; i < perRegion.size(); i++) {
            all = all.union(perRegion.get(i));
        }
        all.sinkTo(new DiscardingSink<>());
        env.execute("loop-sources");
    }
}
