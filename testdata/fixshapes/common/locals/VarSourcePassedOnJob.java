package fixshapes.locals;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.CountingMap;
import fixshapes.model.Events;

/**
 * A var whose inferred type DataStreamSource is relied on later (passed to a method taking
 * DataStreamSource): appending .uid() to the initializer would change the var's type and break
 * the call, while a separate raw.uid(...) statement compiles.
 */
public class VarSourcePassedOnJob {
    public static void main(String[] args) throws Exception {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        var raw = env.fromSource(Events.lines(500), WatermarkStrategy.noWatermarks(), "raw-lines"); // fix: uid
        limitParallelism(raw);
        raw.keyBy(line -> line.length())
                .map(new CountingMap<String>()) // fix: uid
                .sinkTo(new DiscardingSink<>());
        env.execute("var-source-passed-on");
    }

    private static void limitParallelism(DataStreamSource<String> source) {
        source.setParallelism(1);
    }
}
