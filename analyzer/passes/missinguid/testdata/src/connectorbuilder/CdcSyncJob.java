package connectorbuilder;

import com.acme.cdc.InventorySource;
import com.ververica.cdc.connectors.postgres.PostgreSQLSource;
import com.ververica.cdc.debezium.JsonDebeziumDeserializationSchema;
import com.ververica.cdc.debezium.DebeziumSourceFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// A CDC sync job: the Flink CDC builder's outer class is a library class,
// and its build() returns a DebeziumSourceFunction, which keeps the
// replication offsets in operator state.
public class CdcSyncJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DebeziumSourceFunction<String> orders = PostgreSQLSource.<String>builder()
                .hostname("db")
                .port(5432)
                .database("shop")
                .schemaList("public")
                .tableList("public.orders")
                .username("flink")
                .password("secret")
                .slotName("orders_slot")
                .deserializer(new JsonDebeziumDeserializationSchema())
                .build();
        DataStream<String> changes = env.addSource(orders); // want "\"addSource\" has no uid.*DebeziumSourceFunction"
        env.addSource(PostgreSQLSource.<String>builder().hostname("db").deserializer(new JsonDebeziumDeserializationSchema()).build()) // want "\"addSource\" has no uid.*DebeziumSourceFunction"
                .name("inline");
        // The project's own connector: its builder's build() returns the
        // source function class, which checkpoints its read position.
        env.addSource(InventorySource.builder().table("stock").maxRetries(3).build()); // want "\"addSource\" has no uid.*InventorySourceFunction"
        env.addSource(InventorySource.builder().table("stock").buildUnchecked());
        changes.print();
        env.execute("cdc sync");
    }
}
