package factories;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

public class DedupeOperator extends AbstractStreamOperator<String> implements OneInputStreamOperator<String, String> {
    private final long ttlMillis;
    private transient ValueState<Long> lastSeen;

    public DedupeOperator(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    @Override
    public void open() throws Exception {
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Long.class));
    }

    @Override
    public void processElement(StreamRecord<String> element) throws Exception {
        output.collect(element);
    }
}
