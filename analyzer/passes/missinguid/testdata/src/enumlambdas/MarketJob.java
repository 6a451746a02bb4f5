package enumlambdas;

import java.util.function.Function;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class MarketJob {
    /** A pipeline step kept in a constant, applied where the job needs it. */
    static final Function<DataStream<String>, DataStream<String>> LATEST_PER_SYMBOL =
            s -> s.keyBy(v -> v.substring(0, 4)).reduce((a, b) -> b); // want "\"reduce\" has no uid"

    static final Function<DataStream<String>, DataStream<String>> COUNT_PER_SYMBOL;

    static {
        COUNT_PER_SYMBOL = s -> s.keyBy(v -> v).map(v -> v + ",1").keyBy(v -> v).reduce((a, b) -> a).uid("count");
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> trades = Feeds.TRADES.read(env);
        DataStream<String> quotes = Feeds.QUOTES.read(env);
        LATEST_PER_SYMBOL.apply(quotes).print();
        COUNT_PER_SYMBOL.apply(trades).print();
        env.execute("market");
    }
}
