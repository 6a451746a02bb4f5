package envfield;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// A static environment shared by the job's static steps.
public class InventoryJob {
    private static final StreamExecutionEnvironment ENV = StreamExecutionEnvironment.getExecutionEnvironment();

    public static void main(String[] args) throws Exception {
        stock();
        reservations();
        ENV.execute("inventory");
    }

    static void stock() {
        ENV.fromSequence(0, 50).uid("inventory-feed").keyBy(v -> v).sum(0).uid("stock");
    }

    static void reservations() {
        ENV.fromSequence(0, 50).uid("inventory-feed").keyBy(v -> v).sum(0).uid("reserved"); // want "uid \"inventory-feed\" of operator \"fromSequence\" is also used by operator \"fromSequence\" in job envfield.InventoryJob#main"
    }
}
