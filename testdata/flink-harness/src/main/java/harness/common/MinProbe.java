package harness.common;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Records the smallest keyed count that passes, for the state round trip
 * (harness.StateRoundTrip): a job whose keyed counts were restored from a
 * savepoint never emits 1 again, a job that starts empty does at once. The
 * MiniCluster runs tasks in the JVM that reads the fields. Stateless.
 */
public class MinProbe implements MapFunction<Long, Long> {
    public static final AtomicLong MIN = new AtomicLong(Long.MAX_VALUE);
    public static final AtomicLong RECORDS = new AtomicLong();

    @Override
    public Long map(Long count) {
        MIN.accumulateAndGet(count, Math::min);
        RECORDS.incrementAndGet();
        return count;
    }
}
