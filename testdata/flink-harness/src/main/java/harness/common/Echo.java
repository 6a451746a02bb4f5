package harness.common;

import java.util.Collections;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/** Completes each request at once; async I/O keeps in-flight records as operator state. */
public class Echo implements AsyncFunction<Long, Long> {
    @Override
    public void asyncInvoke(Long input, ResultFuture<Long> resultFuture) {
        resultFuture.complete(Collections.singleton(input));
    }
}
