package fix;

import org.apache.flink.api.connector.sink2.Sink;

/** A Sink V2 with neither writer state nor committer. */
public class FireAndForgetSink implements Sink<String> {}
