package enumlambdas;

import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The feeds a job can read; each knows how to build its source. */
public enum Feeds {
    TRADES(env -> env.fromSource( // want "\"fromSource\" has no uid.*KafkaSource"
            KafkaSource.<String>builder().setTopics("trades").build(), WatermarkStrategy.noWatermarks(), "trades")),
    QUOTES(env -> env.fromSource(
            KafkaSource.<String>builder().setTopics("quotes").build(), WatermarkStrategy.noWatermarks(), "quotes")
            .uid("quotes-source"));

    private final Function<StreamExecutionEnvironment, DataStream<String>> reader;

    Feeds(Function<StreamExecutionEnvironment, DataStream<String>> reader) {
        this.reader = reader;
    }

    public DataStream<String> read(StreamExecutionEnvironment env) {
        return reader.apply(env);
    }
}

/** Every feed, each with its own source, through one shared step. */
class AllFeedsJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        for (Feeds feed : Feeds.values()) {
            feed.read(env).keyBy(v -> v).reduce((a, b) -> b); // want "\"reduce\" has no uid.*created in a loop"
        }
        env.execute("all feeds");
    }
}
