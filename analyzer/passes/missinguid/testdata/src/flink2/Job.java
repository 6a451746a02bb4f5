package flink2;

import java.util.Set;
import org.apache.flink.api.connector.dsv2.DataStreamV2SourceUtils;
import org.apache.flink.api.connector.dsv2.DataStreamV2SinkUtils;
import org.apache.flink.datastream.api.ExecutionEnvironment;
import org.apache.flink.datastream.api.common.Collector;
import org.apache.flink.datastream.api.context.PartitionedContext;
import org.apache.flink.datastream.api.function.OneInputStreamProcessFunction;
import org.apache.flink.datastream.api.stream.NonKeyedPartitionStream;

// Flink 2.x DataStream V2: process functions declare their state.
public class Job {
    public static void main(String[] args) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getInstance();
        NonKeyedPartitionStream<Integer> src = env.fromSource(DataStreamV2SourceUtils.fromData(java.util.List.of(1, 2)), "src"); // want "\"fromSource\" has no uid"
        src.keyBy(x -> x).process(new Counting()); // want "\"process\" has no uid.*Counting uses state \\(usesStates\\)"
        src.process(new Passing()).withUid("pass").withName("pass");
        src.keyBy(x -> x).process(new Counting()).withUid("count").toSink(DataStreamV2SinkUtils.wrapSink(null)).withUid("sink");
        env.execute("v2");
    }

    static class Counting implements OneInputStreamProcessFunction<Integer, Integer> {
        @Override
        public Set<StateDeclaration> usesStates() { return Set.of(); }
        @Override
        public void processRecord(Integer r, Collector<Integer> out, PartitionedContext<Integer> ctx) {}
    }

    static class Passing implements OneInputStreamProcessFunction<Integer, Integer> {
        @Override
        public void processRecord(Integer r, Collector<Integer> out, PartitionedContext<Integer> ctx) {}
    }
}
