package fix;

import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;

/** Stateless itself; judged by the operator it creates. */
public class TimerOperatorFactory implements StreamOperatorFactory<String> {
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<String>> T createStreamOperator(Object parameters) {
        return (T) new TimerOperator();
    }
}
