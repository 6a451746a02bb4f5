package wrappers;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.cassandra.CassandraSink;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.fromSequence(0, 1).uid("src").map(String::valueOf);
        CassandraSink.addSink(in).setQuery("INSERT ...").setHost("db").build(); // want "\"addSink\" has no uid and may be stateful"
        CassandraSink.addSink(in).setQuery("INSERT ...").build().uid("cassandra");
        env.execute();
    }
}
