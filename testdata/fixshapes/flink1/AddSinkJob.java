package fixshapes.flink1;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSinkFunction;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * Flink 1.x only: addSink(SinkFunction). SinkFunction is gone from the public API in 2.x.
 * A buffering SinkFunction with operator state is stateful; PrintSinkFunction is not.
 */
public class AddSinkJob {
    static class BufferingSink implements SinkFunction<Event>, CheckpointedFunction {
        private final List<Event> buffer = new ArrayList<>();
        private transient ListState<Event> checkpointed;

        @Override
        public void invoke(Event e, Context context) {
            buffer.add(e);
            if (buffer.size() >= 100) {
                buffer.clear();
            }
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            checkpointed.update(buffer);
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            checkpointed = context.getOperatorStateStore()
                    .getListState(new ListStateDescriptor<>("buffer", TypeInformation.of(Event.class)));
            for (Event e : checkpointed.get()) {
                buffer.add(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: uid
        DataStreamSink<Event> buffered = events.addSink(new BufferingSink()); // fix: uid
        buffered.name("buffered-sink");
        events.addSink(new PrintSinkFunction<>());
        events.filter(e -> e.kind.equals("buy"))
                .addSink(new BufferingSink()) // fix: uid
                .name("buys")
                .setParallelism(1);
        env.execute("add-sink");
    }
}
