package harness.common;

import org.apache.flink.api.common.functions.MapFunction;

/** A stateless step that scenarios add or remove. */
public class Tag implements MapFunction<Long, Long> {
    @Override
    public Long map(Long value) {
        return value + 1;
    }
}
