package repro_generatedgetter;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

// Corpus mistake (riskfocus/flink-generic): a definition class whose getters
// are generated (Lombok's @Getter) hands the operator its function. The
// missing getX() was taken for a fluent setter returning the definition, and
// the definition, which keeps no state, made the operator stateless.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("h", 1);
        ProcessorDef def = new ProcessorDef(new Dedup());
        in.keyBy(s -> s).process(def.getFunction()); // want "operator \"process\" has no uid and may be stateful"
        env.execute();
    }
}

@lombok.Getter
class ProcessorDef extends BaseDef {
    private final KeyedProcessFunction<String, String, String> function;

    ProcessorDef(KeyedProcessFunction<String, String, String> function) {
        this.function = function;
    }
}

class BaseDef {}

class Dedup extends KeyedProcessFunction<String, String, String> {
    private transient ValueState<Boolean> seen;

    @Override
    public void processElement(String value, Context ctx, Collector<String> out) throws Exception {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        out.collect(value);
    }
}
