package fixshapes.locals;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

import fixshapes.functions.PerKindTotals;
import fixshapes.model.Events;

/** var locals: appending .uid() changes the inferred type, which later uses here tolerate. */
public class VarLocalJob {
    public static void main(String[] args) throws Exception {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        var events = env.fromSource(Events.generator(1_000), WatermarkStrategy.noWatermarks(), "events"); // fix: uid
        var totals = events.keyBy(e -> e.userId).process(new PerKindTotals()); // fix: uid
        var printed = totals.sinkTo(new PrintSink<>("totals"));
        printed.name("print-totals");
        env.execute("var-local");
    }
}
