package apirow;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.api.common.functions.RichMapFunction;

// dedupeByKey is not a Flink method: the test adds it to the API table as a
// one-input operator that takes a user function. This file has no
// environment and no other pipeline call, so only the table row makes the
// helper a pipeline part (entry detection) and its call an operator.
public class Pipelines {
    static DataStream<Long> dedupe(DataStream<Long> in) {
        return in.dedupeByKey(new Seen()); // want "stateful operator \"dedupeByKey\" has no uid"
    }

    static DataStream<Long> stateless(DataStream<Long> in) {
        return in.dedupeByKey(v -> v + 1);
    }

    static class Seen extends RichMapFunction<Long, Long> {
        private transient ValueState<Boolean> seen;

        @Override
        public void open(Configuration c) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        }

        @Override
        public Long map(Long v) {
            return v;
        }
    }
}
