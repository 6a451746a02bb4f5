package repro_dataset;

import org.apache.flink.api.java.DataSet;
import org.apache.flink.api.java.ExecutionEnvironment;

// Corpus mistake (southerly22/flink-study, pravega/flink-connectors): a batch
// job on the DataSet API is analysed as a DataStream job; DataSet operators
// have no uids and no savepoints.
public class Job {
    public static void main(String[] args) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();
        DataSet<String> words = env.fromElements("a b", "c");
        words.flatMap((String line, org.apache.flink.util.Collector<String> out) -> {
            for (String w : line.split(" ")) {
                out.collect(w);
            }
        }).returns(String.class).print();
        env.fromCollection(java.util.Arrays.asList(1, 2)).print();
        env.readTextFile("/in").print();
    }
}
