package sinktree;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import sinktree.other.OtherSink;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("a", 1);
        in.sinkTo(AcmeSink.<String>builder().setTopic("t").build()); // want "\"sinkTo\" has no uid.*writer state"
        in.sinkTo(new AcmeSinkBuilder<String>().setTopic("t").build()); // want "\"sinkTo\" has no uid.*writer state"
        // The builder's type is named only in OtherSink's file, not imported here.
        in.sinkTo(OtherSink.<String>builder().build()); // want "\"sinkTo\" has no uid.*OtherSink keeps writer state"
        in.sinkTo(new PlainSink<>());
        in.transform("verify", Types.STRING, new VerifyingOperator(v -> v));
        in.transform("wrap", Types.STRING, new VerifyingOperator(new CountingMapper())); // want "\"transform\" has no uid.*CountingMapper uses state"
        in.transform("count", Types.LONG, new CountingOperator()); // want "\"transform\" has no uid.*CountingOperator"
        env.execute();
    }
}
