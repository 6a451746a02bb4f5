package fixshapes.flink2;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.legacy.RichSinkFunction;

import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * Flink 2.x: addSink still exists but takes the internal legacy SinkFunction (package
 * sink.legacy); a keyed rich sink keeping the last amount per user in ValueState.
 */
public class LegacyAddSinkJob {
    static class LastAmountSink extends RichSinkFunction<Event> {
        private transient ValueState<Long> last;

        @Override
        public void open(OpenContext openContext) {
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Types.LONG));
        }

        @Override
        public void invoke(Event e, Context context) throws Exception {
            last.update(e.amount);
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        events.keyBy(e -> e.userId)
                .addSink(new LastAmountSink()) // fix: uid
                .name("last-amount");
        env.execute("legacy-add-sink");
    }
}
