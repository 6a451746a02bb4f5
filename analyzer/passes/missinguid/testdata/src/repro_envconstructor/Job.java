package repro_envconstructor;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Corpus mistake (connector-opensearch, connector-elasticsearch): an
// environment created with a constructor is not recognised, so its sources
// (and in a try-with-resources block the whole pipeline) are not found.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = new LocalStreamEnvironment(new Configuration());
        env.fromSequence(1, 5).keyBy(n -> n % 2).sum(0).print(); // want "stateful operator \"fromSequence\" has no uid;" "stateful operator \"sum\" has no uid;"
        env.execute();
        try (StreamExecutionEnvironment local = new LocalStreamEnvironment()) {
            local.fromSequence(1, 5).print(); // want "stateful operator \"fromSequence\" has no uid;"
            local.execute();
        }
    }
}
