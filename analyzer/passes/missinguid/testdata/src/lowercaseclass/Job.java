package lowercaseclass;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

// Found on real code: function classes whose names start with a lower-case
// letter were not resolved, so their statefulness was "unknown".
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.socketTextStream("h", 1).flatMap(new splitter()).keyBy(s -> s).map(new counter()); // want "\"map\" has no uid.*counter uses state"
        env.execute();
    }

    public static final class splitter implements FlatMapFunction<String, String> {
        public void flatMap(String s, Collector<String> out) { out.collect(s); }
    }

    public static final class counter extends RichMapFunction<String, String> {
        public String map(String s) { getRuntimeContext().getState(null); return s; }
    }
}
