package asynccep;

import java.util.concurrent.TimeUnit;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class AsyncCep {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("a", 1);
        AsyncDataStream.unorderedWait(in, null, 1, TimeUnit.SECONDS); // want "\"unorderedWait\" has no uid.*async I/O"
        AsyncDataStream.orderedWait(in, null, 1, TimeUnit.SECONDS, 10).uid("lookup");
        AsyncDataStream.orderedWaitWithRetry(in, null, 1, TimeUnit.SECONDS, 10, null); // want "\"orderedWaitWithRetry\" has no uid"
        Pattern<String, ?> p = Pattern.<String>begin("start");
        CEP.pattern(in.keyBy(s -> s), p).select(null); // want "\"select\" has no uid.*CEP"
        CEP.pattern(in, p).inProcessingTime().process(null).uid("cep");
        env.execute();
    }
}
