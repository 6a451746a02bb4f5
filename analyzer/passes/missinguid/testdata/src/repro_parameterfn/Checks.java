package repro_parameterfn;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// The connector tests' form: the methods that pass the function build no
// pipeline themselves; a private helper they call does. The callers are the
// jobs, so the helper's map is judged by what they pass.
public class Checks {
    public void plain() throws Exception {
        runWith(null);
    }

    public void upper() throws Exception {
        runWith(new Upper());
    }

    private void runWith(MapFunction<String, String> extra) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (extra != null) {
            env.socketTextStream("h", 2).map(extra).print();
        }
        env.execute();
    }
}

class Upper implements MapFunction<String, String> {
    @Override
    public String map(String value) {
        return value.toUpperCase();
    }
}
