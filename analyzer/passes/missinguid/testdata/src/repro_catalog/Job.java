package repro_catalog;

import java.util.Collection;
import java.util.List;
import org.apache.doris.flink.sink.DorisSink;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.hbase.sink.HBaseSinkFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.MultipleIdsMessageAcknowledgingSourceBase;
import org.apache.flink.streaming.runtime.operators.GenericWriteAheadSink;

// Corpus mistake (connector-aws, connector-rabbitmq, connector-cassandra,
// cloudera/cybersec, abyssnlp/flink-datastream, southerly22/flink-study):
// base classes from Flink and its connectors are not in the catalog, so
// subclasses in the analysed sources are "unknown" instead of decided.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.addSource(new QueueSource()); // want "stateful operator \"addSource\" has no uid;"
        in.sinkTo(new BufferedSink()); // want "stateful operator \"sinkTo\" has no uid;"
        in.transform("wal", null, new LogSink()); // want "stateful operator \"transform\" has no uid;"
        in.sinkTo(DorisSink.<String>builder().build()); // want "stateful operator \"sinkTo\" has no uid;"
        // HBaseSinkFunction flushes on checkpoints and registers no state.
        in.addSink(new TableSink());
        env.execute();
    }
}

// Acknowledges message ids on checkpoints: the ids are operator state.
class QueueSource extends MultipleIdsMessageAcknowledgingSourceBase<String, String, Long> {
    QueueSource() {
        super(String.class);
    }

    @Override
    protected void acknowledgeSessionIDs(List<Long> ids) {}

    @Override
    protected void acknowledgeIDs(long checkpointId, java.util.Set<String> ids) {}

    @Override
    public void run(SourceContext<String> ctx) {}

    @Override
    public void cancel() {}
}

// An async sink snapshots its buffered requests.
class BufferedSink extends AsyncSinkBase<String, String> {
    BufferedSink() {
        super(null, 10, 1, 100, 1024, 100, 1024);
    }

    @Override
    public org.apache.flink.api.connector.sink2.StatefulSinkWriter<String, org.apache.flink.connector.base.sink.writer.BufferedRequestState<String>> createWriter(
            org.apache.flink.api.connector.sink2.Sink.InitContext context) {
        return null;
    }

    @Override
    public org.apache.flink.api.connector.sink2.StatefulSinkWriter<String, org.apache.flink.connector.base.sink.writer.BufferedRequestState<String>> restoreWriter(
            org.apache.flink.api.connector.sink2.Sink.InitContext context,
            Collection<org.apache.flink.connector.base.sink.writer.BufferedRequestState<String>> states) {
        return null;
    }

    @Override
    public org.apache.flink.core.io.SimpleVersionedSerializer<org.apache.flink.connector.base.sink.writer.BufferedRequestState<String>> getWriterStateSerializer() {
        return null;
    }
}

// A write-ahead sink keeps pending checkpoints in list state.
class LogSink extends GenericWriteAheadSink<String> {
    LogSink() throws Exception {
        super(null, null, "job");
    }

    @Override
    protected boolean sendValues(Iterable<String> values, long checkpointId, long timestamp) {
        return true;
    }
}

class TableSink extends HBaseSinkFunction<String> {
    TableSink() {
        super("table", null, null, 10, 10, 10);
    }
}
