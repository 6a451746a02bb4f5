package repro_builderchain;

import org.apache.flink.streaming.api.functions.sink.TwoPhaseCommitSinkFunction;

// A two-phase-commit sink whose builder inherits its setters from a
// self-typed base builder: each setter is declared to return B.
public class QueueWriter<T> extends TwoPhaseCommitSinkFunction<T, String, Void> {
    QueueWriter() {
        super(null, null);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    protected void invoke(String transaction, T value, Context context) {}

    @Override
    protected String beginTransaction() {
        return "";
    }

    @Override
    protected void preCommit(String transaction) {}

    @Override
    protected void commit(String transaction) {}

    @Override
    protected void abort(String transaction) {}

    public static class Builder<T> extends BaseBuilder<Builder<T>> {
        @Override
        protected Builder<T> self() {
            return this;
        }

        public QueueWriter<T> build() {
            return new QueueWriter<>();
        }
    }
}

abstract class BaseBuilder<B extends BaseBuilder<B>> {
    private String topic;

    public B topic(String name) {
        this.topic = name;
        return self();
    }

    protected abstract B self();
}
