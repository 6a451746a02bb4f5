package envfield;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// The environment in a field initialised where it is declared, read by
// several methods of one job.
public class AuditJob {
    private final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    public static void main(String[] args) throws Exception {
        AuditJob job = new AuditJob();
        job.logins();
        job.logouts();
        job.env.execute("audit");
    }

    void logins() {
        env.fromSequence(0, 5).uid("audit-events").keyBy(v -> v).max(0).uid("logins");
    }

    void logouts() {
        env.fromSequence(5, 9).uid("audit-events").keyBy(v -> v).max(0).uid("logouts"); // want "uid \"audit-events\" of operator \"fromSequence\" is also used by operator \"fromSequence\" in job envfield.AuditJob#main"
    }
}
