package harness;

import harness.common.MinProbe;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * One step of a state round trip, for the --fix --savepoint test: runs a job
 * (its class compiled by the test) on a MiniCluster, restored in strict mode
 * (no allowNonRestoredState) from a savepoint when one is given, waits for
 * keyed counts to pass harness.common.MinProbe, takes a savepoint and cancels
 * the job only after the savepoint completed.
 *
 * <p>Usage: {@code StateRoundTrip <job class> <savepoint dir> [savepoint to restore]}.
 * Prints one JSON object: {@code status} ("running" or "failed"), {@code message},
 * {@code min_count} (the smallest count seen: 1 means the keyed state started
 * empty), {@code records} and {@code savepoint}.
 */
public final class StateRoundTrip {
    private static final long TIMEOUT_MS = 60_000;
    private static final long RECORDS_WANTED = 400;

    public static void main(String[] args) throws Exception {
        String jobClass = args[0];
        Path target = Path.of(args[1]);
        Map<String, Object> result = new TreeMap<>();
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(8).build())) {
            cluster.start();
            run(cluster, jobClass, target, args.length > 2 ? args[2] : null, result);
        } catch (Exception e) {
            result.put("status", "failed");
            result.put("message", Harness.rootMessage(e));
        }
        System.out.println(Harness.Json.write(result));
        System.exit(0);
    }

    private static void run(MiniCluster cluster, String jobClass, Path target, String restore,
            Map<String, Object> result) throws Exception {
        JobGraph graph = Harness.streamGraph(Harness.JobClass.of(jobClass), new Properties()).getJobGraph();
        if (restore != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restore, false));
        }
        JobID id = cluster.submitJob(graph).get().getJobID();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (MinProbe.RECORDS.get() < RECORDS_WANTED) {
            JobStatus status = cluster.getJobStatus(id).get();
            if (status.isGloballyTerminalState()) {
                JobResult jr = cluster.requestJobResult(id).get();
                result.put("status", "failed");
                result.put("message", jr.getSerializedThrowable()
                        .map(t -> Harness.rootMessage(t.deserializeError(StateRoundTrip.class.getClassLoader())))
                        .orElse("job ended " + status));
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("job " + id + " passed " + MinProbe.RECORDS.get() + " records in " + TIMEOUT_MS + " ms");
            }
            Thread.sleep(50);
        }
        String savepoint = cluster.triggerSavepoint(id, target.toUri().toString(), false, SavepointFormatType.CANONICAL)
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        // Only now that the savepoint completed is the job cancelled.
        cluster.cancelJob(id).get();
        cluster.requestJobResult(id).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        result.put("status", "running");
        result.put("min_count", MinProbe.MIN.get());
        result.put("records", MinProbe.RECORDS.get());
        result.put("savepoint", savepoint);
    }

    private StateRoundTrip() {}
}
