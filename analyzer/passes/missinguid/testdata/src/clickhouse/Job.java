package clickhouse;

import org.apache.flink.connector.clickhouse.sink.ClickHouseAsyncSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistake (abyssnlp/flink-datastream): the ClickHouse connector's
// async sink is not in the generated catalog; it is an AsyncSinkBase, whose
// writer keeps buffered requests (hand-written catalog entry).
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.socketTextStream("h", 1).sinkTo(newSink()); // want "stateful operator \"sinkTo\" has no uid;.*BufferedRequestState"
        env.execute();
    }

    static ClickHouseAsyncSink<String> newSink() {
        ClickHouseAsyncSink<String> sink = new ClickHouseAsyncSink<>(null, 10, 2, 100, 1024L, 1000L, 512L, null, null);
        return sink;
    }
}
