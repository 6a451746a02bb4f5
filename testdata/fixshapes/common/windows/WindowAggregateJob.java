package fixshapes.windows;

import java.time.Duration;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import fixshapes.model.Event;
import fixshapes.model.Events;

/** A keyed window aggregate with an incremental AggregateFunction and a ProcessWindowFunction. */
public class WindowAggregateJob {
    static class Average implements AggregateFunction<Event, long[], Double> {
        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(Event e, long[] acc) {
            acc[0] += e.amount;
            acc[1]++;
            return acc;
        }

        @Override
        public Double getResult(long[] acc) {
            return acc[1] == 0 ? 0.0 : (double) acc[0] / acc[1];
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[] {a[0] + b[0], a[1] + b[1]};
        }
    }

    static class Label extends ProcessWindowFunction<Double, String, String, TimeWindow> {
        @Override
        public void process(String user, Context ctx, Iterable<Double> averages, Collector<String> out) {
            out.collect(user + " " + ctx.window().getEnd() + " " + averages.iterator().next());
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(10_000), Events.watermarks(), "events"); // fix: uid
        events.keyBy(e -> e.userId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
                .aggregate(new Average(), new Label()) // fix: uid
                .sinkTo(new PrintSink<>());
        env.execute("window-aggregate");
    }
}
