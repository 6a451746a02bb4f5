package customtransform;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;
import org.apache.flink.streaming.runtime.partitioner.RebalancePartitioner;

/** Stream helpers written against Flink's transformation API. */
public final class Streams {
    private Streams() {}

    /** Spreads records evenly, as rebalance() does, under our own name. */
    public static <T> DataStream<T> spread(DataStream<T> in) {
        return new DataStream<>(in.getExecutionEnvironment(),
                new PartitionTransformation<>(in.getTransformation(), new RebalancePartitioner<>()));
    }

    /** Attaches a custom operator without going through transform(). */
    public static SingleOutputStreamOperator<String> dedupe(DataStream<String> in, TypeInformation<String> type) {
        StreamExecutionEnvironment env = in.getExecutionEnvironment();
        OneInputTransformation<String, String> t = new OneInputTransformation<>( // want "\"OneInputTransformation\" has no uid.*DedupeOperator uses state"
                in.getTransformation(), "dedupe", new DedupeOperator(), type, env.getParallelism());
        env.addOperator(t);
        return new SingleOutputStreamOperator<>(env, t);
    }

    /** The same, with the uid set on the transformation. */
    public static SingleOutputStreamOperator<String> dedupeWithUid(DataStream<String> in, TypeInformation<String> type) {
        OneInputTransformation<String, String> t = new OneInputTransformation<>(
                in.getTransformation(), "dedupe", new DedupeOperator(), type, 1);
        t.setUid("dedupe-" + type);
        in.getExecutionEnvironment().addOperator(t);
        return new SingleOutputStreamOperator<>(in.getExecutionEnvironment(), t);
    }

    /** Joins two streams with a custom two-input operator. */
    public static DataStream<String> match(DataStream<String> left, DataStream<String> right, TypeInformation<String> type) {
        TwoInputTransformation<String, String, String> t = new TwoInputTransformation<>( // want "\"TwoInputTransformation\" has no uid.*MatchOperator uses state"
                left.getTransformation(), right.getTransformation(), "match", new MatchOperator(), type, 2);
        left.getExecutionEnvironment().addOperator(t);
        return new DataStream<>(left.getExecutionEnvironment(), t);
    }
}
