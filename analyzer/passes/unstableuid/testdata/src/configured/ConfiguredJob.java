package configured;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ConfiguredJob {
    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> s = env.fromSequence(0, 1).uid(params.get("source-uid")); // want "depends on configuration \\(params.get\\(\"source-uid\"\\)\\)"
        s.keyBy(v -> v).sum(0).uid(params.getRequired("job") + "-sum"); // want "from params.getRequired\\(\"job\"\\)"
        s.keyBy(v -> v).max(0).uid(conf.getString("max-uid", "max")); // want "conf.getString"
        s.keyBy(v -> v).min(0).uid("min-" + System.getProperty("env")); // want "from System.getProperty\\(\"env\"\\)"
        s.keyBy(v -> v).minBy(0).uid(String.format("%s-minby", System.getenv("TEAM"))); // want "from System.getenv\\(\"TEAM\"\\)"
        s.keyBy(v -> v).maxBy(0).uid(args.length > 1 ? args[1] : "maxby"); // want "from the parameter args"
        env.execute();
    }
}
