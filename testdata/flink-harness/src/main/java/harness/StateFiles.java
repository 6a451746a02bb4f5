package harness;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Takes savepoints whose state lives in files next to _metadata rather than
 * inline: the inline threshold is 0, and snapshot compression is on, for
 * hashmap and RocksDB in the canonical and native formats. The scenarios'
 * savepoints keep their small state inline; these exercise the relative
 * state handles, the RocksDB meta file and the compressed streams.
 * Usage: harness.StateFiles OUT_DIR JOB_CLASS...; prints one savepoint
 * directory per line.
 */
public final class StateFiles {
    private static final long TIMEOUT_MS = 60_000;

    private StateFiles() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Configuration clusterConf = settings(new Configuration(), out);
        clusterConf.set(TaskManagerOptions.NUM_TASK_SLOTS, 16);
        // Any free port: a session cluster of the e2e suite may hold 8081.
        clusterConf.set(RestOptions.BIND_PORT, "0");
        MiniClusterConfiguration mcc = new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConf).setNumTaskManagers(1).setNumSlotsPerTaskManager(16).build();
        int status = 0;
        try (MiniCluster cluster = new MiniCluster(mcc)) {
            cluster.start();
            for (int i = 1; i < args.length; i++) {
                for (String backend : new String[] {"hashmap", "rocksdb"}) {
                    for (SavepointFormatType format : new SavepointFormatType[] {SavepointFormatType.CANONICAL, SavepointFormatType.NATIVE}) {
                        Path target = out.resolve(i + "-" + backend + "-" + format.name().toLowerCase());
                        System.out.println(savepoint(cluster, args[i], backend, format, target));
                    }
                }
            }
        } catch (Exception e) {
            // The cluster's threads would keep the JVM alive: exit explicitly.
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /**
     * The settings that move state out of _metadata and compress it: file
     * system checkpoint storage (the JobManager's keeps all state inline)
     * with an inline threshold of 0.
     */
    private static Configuration settings(Configuration conf, Path out) {
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, out.resolve("checkpoints").toUri().toString());
        conf.set(CheckpointingOptions.FS_SMALL_FILE_THRESHOLD, MemorySize.ZERO);
        conf.set(ExecutionOptions.SNAPSHOT_COMPRESSION, true);
        return conf;
    }

    private static String savepoint(MiniCluster cluster, String jobClass, String backend, SavepointFormatType format,
            Path target) throws Exception {
        Configuration conf = settings(new Configuration(), target.getParent());
        conf.setString("state.backend.type", backend);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Method define = Class.forName(jobClass).getMethod("define", StreamExecutionEnvironment.class);
        define.invoke(null, env);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        JobID id = cluster.submitJob(graph).get().getJobID();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        Files.createDirectories(target);
        // A savepoint is refused until every task runs: try until one completes.
        while (true) {
            Thread.sleep(1000);
            try {
                String sp = cluster.triggerSavepoint(id, target.toUri().toString(), false, format)
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                cluster.cancelJob(id).get();
                return sp;
            } catch (Exception e) {
                // Refused while the job initialises or its tasks deploy.
                if (System.currentTimeMillis() > deadline) {
                    cluster.cancelJob(id).get();
                    throw e;
                }
            }
        }
    }
}
