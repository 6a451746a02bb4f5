package customtransform;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

public class MatchOperator extends AbstractStreamOperator<String> implements TwoInputStreamOperator<String, String, String> {
    private transient ListState<String> pending;

    @Override
    public void open() throws Exception {
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", String.class));
    }

    @Override
    public void processElement1(StreamRecord<String> element) throws Exception {
        pending.add(element.getValue());
    }

    @Override
    public void processElement2(StreamRecord<String> element) {
        output.collect(element);
    }
}
