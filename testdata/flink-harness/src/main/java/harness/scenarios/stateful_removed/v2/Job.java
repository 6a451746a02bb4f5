package harness.scenarios.stateful_removed.v2;

import harness.common.CountPerKey;
import harness.common.Echo;
import harness.common.Rules;
import harness.common.Slow;
import harness.common.SumWindow;
import harness.common.Tag;
import harness.common.Uids;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;

/** The keyed stateful operator is removed. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("stateful_removed");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }
}
