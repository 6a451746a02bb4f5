package unknownfn;

import com.vendor.functions.EnrichFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.socketTextStream("h", 1).keyBy(s -> s).map(new EnrichFunction()); // want "\"map\" has no uid and may be stateful: function class EnrichFunction is not in the analysed sources"
        env.socketTextStream("h", 1).map(String::trim).uid("trim");
        env.execute();
    }
}
