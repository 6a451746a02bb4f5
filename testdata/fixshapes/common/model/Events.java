package fixshapes.model;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/** Source factories and watermark strategies. No operator is created here: these return Source objects. */
public final class Events {
    private static final String[] KINDS = {"view", "click", "buy", "refund"};

    private Events() {}

    public static Event fromIndex(Long i) {
        return new Event("user-" + (i % 17), KINDS[(int) (i % KINDS.length)], i % 100, i * 1000L);
    }

    public static DataGeneratorSource<Event> generator(long count) {
        return new DataGeneratorSource<>(Events::fromIndex, count, TypeInformation.of(Event.class));
    }

    public static DataGeneratorSource<String> lines(long count) {
        return new DataGeneratorSource<>(i -> "line-" + i, count, TypeInformation.of(String.class));
    }

    public static WatermarkStrategy<Event> watermarks() {
        return WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                .withTimestampAssigner((e, previous) -> e.timestamp);
    }
}
