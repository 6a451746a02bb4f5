package fix;

import org.apache.flink.streaming.api.datastream.DataStreamSink;

/** build() wires operators into the pipeline; the one it creates here is stateless. */
public class PipelineSinkBuilder {
    private PassOperator local;

    public DataStreamSink<String> build() {
        local = new PassOperator();
        return new DataStreamSink<>();
    }
}
