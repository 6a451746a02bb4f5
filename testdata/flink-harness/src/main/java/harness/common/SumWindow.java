package harness.common;

import org.apache.flink.api.common.functions.ReduceFunction;

/** Sums a window's records; the window operator keeps the partial sums as keyed state. */
public class SumWindow implements ReduceFunction<Long> {
    @Override
    public Long reduce(Long a, Long b) {
        return a + b;
    }
}
