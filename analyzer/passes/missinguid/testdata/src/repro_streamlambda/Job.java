package repro_streamlambda;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

// Corpus mistake (cloudera/cybersec): operators created inside lambdas given
// to java.util.stream (reduce, map) are not found.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> source = env.socketTextStream("h", 1);
        List<String> endpoints = Arrays.asList("a", "b");
        DataStream<String> enriched = endpoints.stream().reduce(source,
                (in, endpoint) -> AsyncDataStream.unorderedWait(in, new Lookup(endpoint), 1, TimeUnit.SECONDS), // want "stateful operator \"unorderedWait\" has no uid;"
                (a, b) -> a);
        endpoints.stream()
                .map(endpoint -> enriched.keyBy(s -> s).reduce((a, b) -> a + b)) // want "stateful operator \"reduce\" has no uid;"
                .forEach(DataStream::print);
        env.execute();
    }
}

class Lookup implements AsyncFunction<String, String> {
    private final String endpoint;

    Lookup(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void asyncInvoke(String input, ResultFuture<String> resultFuture) {
        resultFuture.complete(Arrays.asList(endpoint + input));
    }
}
