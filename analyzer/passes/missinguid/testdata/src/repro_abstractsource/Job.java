package repro_abstractsource;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistake (riskfocus/flink-generic): a library's source definition
// builds its stream in an override of an abstract method, and the library
// sets the uid on what the abstract call returns. The definition object
// comes from code outside the tree, so the call is not dispatched, and the
// override, run as an entry point of its own, was reported without uid.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SourceDef<String> def = Registry.lookup(args[0]);
        source(env, def).print();
        env.execute();
    }

    static DataStream<String> source(StreamExecutionEnvironment env, SourceDef<String> def) {
        SingleOutputStreamOperator<String> s = def.build(env);
        s.name(def.name()).uid(def.name());
        return s;
    }
}

abstract class SourceDef<T> {
    abstract String name();

    abstract SingleOutputStreamOperator<T> build(StreamExecutionEnvironment env);
}
