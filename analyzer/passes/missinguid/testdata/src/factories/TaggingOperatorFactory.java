package factories;

import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

public class TaggingOperatorFactory extends AbstractStreamOperatorFactory<String>
        implements OneInputStreamOperatorFactory<String, String> {
    private final String region;

    public TaggingOperatorFactory(String region) {
        this.region = region;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<String>> T createStreamOperator(StreamOperatorParameters<String> parameters) {
        return (T) new TaggingOperator(region);
    }

    @Override
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return TaggingOperator.class;
    }
}
