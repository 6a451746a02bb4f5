package tableapi;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

// Found on real code: streams converted from the Table API feed DataStream
// operators; TableResult.print() is not one.
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        Table orders = tableEnv.sqlQuery("SELECT * FROM orders");
        tableEnv.toDataStream(orders).keyBy(r -> r.getField(0)).reduce((a, b) -> a); // want "\"reduce\" has no uid"
        tableEnv.toChangelogStream(orders).print("changes");
        tableEnv.executeSql("SELECT 1").print();
        env.execute();
    }
}
