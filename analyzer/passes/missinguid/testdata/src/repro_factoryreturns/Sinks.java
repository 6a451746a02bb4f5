package repro_factoryreturns;

import org.apache.flink.streaming.api.functions.sink.PrintSinkFunction;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

// A factory in a file that names no stream type, so it is not parsed with
// the pipeline files: its returns still decide the sink's class.
public class Sinks {
    public static SinkFunction<String> create(String kind) {
        switch (kind) {
            case "queue":
                return new TxSink();
            default:
                return new PrintSinkFunction<>();
        }
    }
}
