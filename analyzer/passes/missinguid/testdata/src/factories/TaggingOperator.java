package factories;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

public class TaggingOperator extends AbstractStreamOperator<String> implements OneInputStreamOperator<String, String> {
    private final String region;

    public TaggingOperator(String region) {
        this.region = region;
    }

    @Override
    public void processElement(StreamRecord<String> element) {
        output.collect(element.replace(region + ":" + element.getValue()));
    }
}
