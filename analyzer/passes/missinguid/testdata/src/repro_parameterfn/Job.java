package repro_parameterfn;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistake (connector-elasticsearch, connector-opensearch): a helper
// applies a function it receives as a parameter; every caller passes a
// stateless class or null, so the operator is stateless, not "unknown".
public class Job {
    public static void main(String[] args) throws Exception {
        run(null);
        run(new Halve());
    }

    static void run(MapFunction<Long, Long> extra) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> stream = env.socketTextStream("h", 1).map(Long::parseLong);
        if (extra != null) {
            stream = stream.map(extra);
        }
        stream.print();
        env.execute();
    }
}

class Halve implements MapFunction<Long, Long> {
    @Override
    public Long map(Long value) {
        return value / 2;
    }
}
