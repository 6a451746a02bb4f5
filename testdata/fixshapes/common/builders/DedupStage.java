package fixshapes.builders;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import fixshapes.functions.DedupFunction;

/**
 * A fluent library stage: setters return this, apply(stream) creates the operator. Used by one
 * job (BuilderJob), once.
 */
public class DedupStage<T> {
    private KeySelector<T, String> key;
    private String name = "dedup";
    private int parallelism = -1;

    public DedupStage<T> keyedBy(KeySelector<T, String> key) {
        this.key = key;
        return this;
    }

    public DedupStage<T> named(String name) {
        this.name = name;
        return this;
    }

    public DedupStage<T> withParallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    public SingleOutputStreamOperator<T> apply(DataStream<T> input) {
        SingleOutputStreamOperator<T> out = input.keyBy(key)
                .process(new DedupFunction<String, T>()) // fix: uid
                .name(name);
        if (parallelism > 0) {
            out.setParallelism(parallelism);
        }
        return out;
    }
}
