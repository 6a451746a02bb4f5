package sinktree;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

// Found on real code: a custom operator extending StreamMap that only
// updates an accumulator keeps no state.
public class VerifyingOperator extends StreamMap<String, String> {
    public VerifyingOperator(MapFunction<String, String> mapper) {
        super(mapper);
    }

    @Override
    public void processElement(StreamRecord<String> element) {
        getRuntimeContext().getAccumulator("seen").add(element.getValue());
    }
}
