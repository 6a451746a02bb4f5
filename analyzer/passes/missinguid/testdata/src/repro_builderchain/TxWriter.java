package repro_builderchain;

import org.apache.flink.streaming.api.functions.sink.TwoPhaseCommitSinkFunction;

// A two-phase-commit sink with a nested builder, in its own file.
public class TxWriter<T> extends TwoPhaseCommitSinkFunction<T, TxWriter.Tx, Void> {
    public TxWriter() {
        super(null, null);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    protected void invoke(Tx transaction, T value, Context context) {}

    @Override
    protected Tx beginTransaction() {
        return new Tx();
    }

    @Override
    protected void preCommit(Tx transaction) {}

    @Override
    protected void commit(Tx transaction) {}

    @Override
    protected void abort(Tx transaction) {}

    public static class Tx {}

    public static class Builder<T> {
        public TxWriter<T> build() {
            return new TxWriter<>();
        }
    }
}
