package repro_wrapperuid;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistakes (connector-cassandra's CassandraSink): a library wraps the
// operator it creates and forwards uid() to it; and an abstract builder's
// createSink() is taken from every subclass, even those no job creates.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple2<String, Long>> in = env.socketTextStream("h", 1).map(s -> Tuple2.of(s, 1L));
        Store.write(in).uid("store");
        in.keyBy(t -> t.f0).sum(1); // want "stateful operator \"sum\" has no uid;"
        env.execute();
    }
}

class Store<T> {
    private final SingleOutputStreamOperator<T> op;

    Store(SingleOutputStreamOperator<T> op) {
        this.op = op;
    }

    Store<T> uid(String uid) {
        op.getTransformation().setUid(uid);
        return this;
    }

    static Store<Tuple2<String, Long>> write(DataStream<Tuple2<String, Long>> in) {
        return new TupleBuilder(in).create();
    }
}

abstract class StoreBuilder<T> {
    protected final DataStream<T> in;

    StoreBuilder(DataStream<T> in) {
        this.in = in;
    }

    abstract Store<T> create();
}

class TupleBuilder extends StoreBuilder<Tuple2<String, Long>> {
    private Remember<Tuple2<String, Long>> custom;

    TupleBuilder(DataStream<Tuple2<String, Long>> in) {
        super(in);
    }

    // No caller sets a custom function, so the second branch creates nothing.
    TupleBuilder withCustom(Remember<Tuple2<String, Long>> fn) {
        this.custom = fn;
        return this;
    }

    @Override
    Store<Tuple2<String, Long>> create() {
        return custom == null
                ? new Store<>(in.keyBy(t -> t.f0).map(new Remember<>()))
                : new Store<>(in.keyBy(t -> t.f1).map(custom));
    }
}

// No job creates a RowBuilder, so this map is no operator of any job.
class RowBuilder extends StoreBuilder<String> {
    RowBuilder(DataStream<String> in) {
        super(in);
    }

    @Override
    Store<String> create() {
        return new Store<>(in.keyBy(s -> s).map(new Remember<>()));
    }
}

class Remember<T> extends RichMapFunction<T, T> {
    private transient ValueState<T> last;

    @Override
    public void open(Configuration parameters) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<T>("last", (Class<T>) Object.class));
    }

    @Override
    public T map(T value) throws Exception {
        last.update(value);
        return value;
    }
}
