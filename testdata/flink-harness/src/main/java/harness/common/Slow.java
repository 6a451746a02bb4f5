package harness.common;

import org.apache.flink.api.common.functions.MapFunction;

/** Passes records through slowly so that a savepoint finds the job mid-stream. Stateless. */
public class Slow implements MapFunction<Long, Long> {
    @Override
    public Long map(Long value) throws Exception {
        Thread.sleep(2);
        return value;
    }
}
