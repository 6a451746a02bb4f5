package fix;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;

/** A Sink V2 with a committer. */
public class TxSink implements Sink<String>, SupportsCommitter<String> {}
