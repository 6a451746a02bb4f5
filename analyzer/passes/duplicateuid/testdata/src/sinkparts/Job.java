package sinkparts;

import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> a = env.fromSequence(0, 1).uid("Sink Committer: out");
        a.sinkTo(KafkaSink.<Long>builder().build()).uid("out"); // want "uid \"Sink Committer: out\" of the Committer of sink \"sinkTo\" is also used by operator \"fromSequence\""
        env.execute();
    }
}
