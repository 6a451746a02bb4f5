package repro_collectutils;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.Test;

// Corpus mistake (apache/flink-connector-gcp-pubsub): a test that reads its
// results with DataStreamUtils.collect(stream) adds a collect sink, which
// was not found. The sink cannot carry a uid, so it gets no finding; the
// keyed map before it still does.
public class CollectTest {
    @Test
    public void readsBack() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> counted = env.fromSequence(1, 10) // want "stateful operator \"fromSequence\" has no uid;"
                .keyBy(x -> x % 2)
                .map(new Counter()); // want "stateful operator \"map\" has no uid;"
        List<Long> out = new ArrayList<>();
        DataStreamUtils.collect(counted).forEachRemaining(out::add);
    }

    static class Counter extends RichMapFunction<Long, Long> {
        private transient ValueState<Long> seen;

        @Override
        public Long map(Long value) throws Exception {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Long.class));
            return value;
        }
    }
}
