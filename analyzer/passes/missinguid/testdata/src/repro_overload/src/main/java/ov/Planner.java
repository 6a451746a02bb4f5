package ov;

import org.apache.flink.streaming.api.datastream.DataStream;

// Corpus mistake (apache/bahir-flink's Siddhi library): two overloads with
// the same name and arity, one calling the other, were resolved by arity
// alone, so the call was taken for recursion and the operator factory
// behind it was not reached from the tests that use the library. Run as an
// entry point of its own, the factory was reported as a job by default.
public class Planner {
    private final DataStream<String> in;

    public Planner(DataStream<String> in) {
        this.in = in;
    }

    public DataStream<String> plan(String name, Integer limit) {
        return plan(new Context(name), name);
    }

    private DataStream<String> plan(Context context, String name) {
        return Stages.count(in, context);
    }
}

class Context {
    Context(String name) {}
}

class Stages {
    public static DataStream<String> count(DataStream<String> in, Context context) {
        return in.keyBy(s -> s).reduce((a, b) -> a + b);
    }
}
