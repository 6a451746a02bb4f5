package factories;

import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

public class DedupeOperatorFactory extends AbstractStreamOperatorFactory<String>
        implements OneInputStreamOperatorFactory<String, String> {
    private final long ttlMillis;

    public DedupeOperatorFactory(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<String>> T createStreamOperator(StreamOperatorParameters<String> parameters) {
        DedupeOperator operator = new DedupeOperator(ttlMillis);
        operator.setProcessingTimeService(processingTimeService);
        return (T) operator;
    }

    @Override
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return DedupeOperator.class;
    }
}
