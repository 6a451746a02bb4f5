package factories;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;

// Operators given to transform through factories: Flink runs the operator
// the factory creates, so its state decides, not the factory's.
public class EnrichmentJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> lines = env.socketTextStream("localhost", 9999).uid("lines");
        lines.transform("dedupe", Types.STRING, new DedupeOperatorFactory(60_000L)); // want "\"transform\" has no uid.*DedupeOperator uses state"
        lines.transform("tag", Types.STRING, new TaggingOperatorFactory("eu"));
        lines.transform("dedupe-simple", Types.STRING, SimpleOperatorFactory.of(new DedupeOperator(1000L))); // want "\"transform\" has no uid.*DedupeOperator uses state"
        lines.transform("tag-simple", Types.STRING, SimpleOperatorFactory.of(new TaggingOperator("us")));
        env.execute("enrichment");
    }
}
