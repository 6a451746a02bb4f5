package lookalikes;

import java.util.function.Function;

// A project's own DataStream type, in a file that uses no Flink: not Flink's.
class OwnDataStream {
    static class DataStream<T> {
        <R> DataStream<R> map(Function<T, R> f) { return null; }
        DataStream<T> keyBy(Function<T, Object> f) { return this; }
        DataStream<T> sum(int field) { return this; }
        DataStream<T> uid(String uid) { return this; }
    }

    static void use(DataStream<String> events) {
        events.map(String::length).keyBy(n -> n).sum(0).uid("not-flink");
        events.keyBy(s -> s).sum(1);
    }
}
