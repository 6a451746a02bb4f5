package fixshapes.loops;

import java.util.List;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.CountingMap;
import fixshapes.model.Events;

/** Operators created in a lambda passed to List.forEach: a loop in all but syntax. */
public class ForEachTopicsJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<String> topics = List.of("orders", "payments", "shipments");
        topics.forEach(topic -> env
                .fromSource(Events.lines(100), WatermarkStrategy.noWatermarks(), topic) // fix: none created once per list element
                .keyBy(String::length)
                .map(new CountingMap<String>()) // fix: none created once per list element
                .sinkTo(new DiscardingSink<>()));
        env.execute("for-each-topics");
    }
}
