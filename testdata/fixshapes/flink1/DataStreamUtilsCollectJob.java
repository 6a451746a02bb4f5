package fixshapes.flink1;

import java.util.Iterator;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/** Flink 1.x only (removed in 2.x): DataStreamUtils.collect, whose collect sink cannot carry a uid. */
public class DataStreamUtilsCollectJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(100), Events.watermarks(), "events"); // fix: uid
        DataStream<Event> throttled = events.keyBy(e -> e.userId).process(new Throttle()); // fix: uid
        Iterator<Event> it = DataStreamUtils.collect(throttled, "throttled"); // fix: none collect sink (DataStreamUtils.collect returns an iterator)
        while (it.hasNext()) {
            System.out.println(it.next());
        }
    }
}
