package jdbc;

import org.apache.flink.connector.jdbc.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

// Found on real code: the legacy JdbcSink.sink() flushes on checkpoints but
// registers no state, while exactlyOnceSink() and the Sink V2 builder do.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("a", 1);
        SinkFunction<String> atLeastOnce = JdbcSink.sink("insert into t values(?)", (ps, v) -> ps.setString(1, v), null, null);
        in.addSink(atLeastOnce);
        in.addSink(JdbcSink.exactlyOnceSink("insert into t values(?)", (ps, v) -> ps.setString(1, v), null, null, null)); // want "\"addSink\" has no uid.*JdbcXaSinkFunction"
        in.sinkTo(JdbcSink.<String>builder().withQueryStatement("insert into t values(?)", (ps, v) -> ps.setString(1, v)).buildAtLeastOnce(null)); // want "\"sinkTo\" has no uid.*JdbcSink"
        env.execute();
    }
}
