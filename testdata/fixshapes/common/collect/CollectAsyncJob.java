package fixshapes.collect;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import fixshapes.functions.DedupFunction;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * collectAsync() returns a CloseableIterator: its collect sink is stateful but has no place
 * for a uid. The operators before it do.
 */
public class CollectAsyncJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(100), Events.watermarks(), "events"); // fix: uid
        DataStream<Event> deduped = events.keyBy(e -> e.userId).process(new DedupFunction<String, Event>()); // fix: uid
        try (CloseableIterator<Event> results = deduped.collectAsync()) { // fix: none collect sink (collectAsync returns an iterator)
            env.execute("collect-async");
            while (results.hasNext()) {
                System.out.println(results.next());
            }
        }
    }
}
