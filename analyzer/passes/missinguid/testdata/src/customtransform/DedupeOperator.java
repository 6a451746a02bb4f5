package customtransform;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

public class DedupeOperator extends AbstractStreamOperator<String> implements OneInputStreamOperator<String, String> {
    private transient ValueState<Boolean> seen;

    @Override
    public void open() throws Exception {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
    }

    @Override
    public void processElement(StreamRecord<String> element) throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            output.collect(element);
        }
    }
}
