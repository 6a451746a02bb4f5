package sinktree;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

public class CountingOperator extends AbstractStreamOperator<Long> implements OneInputStreamOperator<String, Long> {
    private transient ValueState<Long> count;

    @Override
    public void open() throws Exception {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(StreamRecord<String> element) throws Exception {
        count.update(1L);
    }
}
