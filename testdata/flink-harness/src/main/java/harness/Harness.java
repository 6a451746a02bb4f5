package harness;

import harness.common.StateReads;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.StringUtils;

/**
 * Records what Flink itself says about each scenario: the OperatorID of every
 * operator (from Flink's own StreamGraphHasherV2), and what happens when v2
 * resumes from a savepoint of v1 on a MiniCluster, with and without
 * allowNonRestoredState.
 *
 * <p>Usage: {@code Harness <scenarios dir> <out dir> [scenario...]}. Writes
 * {@code <out>/<scenario>/{v1,v2}/ids.json}, {@code <out>/<scenario>/outcome.json}
 * and keeps the savepoint under {@code <out>/<scenario>/savepoint/}.
 *
 * <p>A scenario whose v1 and v2 define a class under the same name (a POJO or
 * enum whose fields change) keeps each version in {@code v1model/} and
 * {@code v2model/}; Maven compiles those into {@code v1model-classes} and
 * {@code v2model-classes} beside the harness's classes, and each version's job
 * is loaded in its own class loader, in the Harness and (through the job
 * graph's classpath) in the TaskManager.
 */
public final class Harness {
    private static final long RUN_BEFORE_SAVEPOINT_MS = 1500;
    private static final long STAY_RUNNING_MS = 2500;
    private static final long TIMEOUT_MS = 60_000;
    /** One loader per version, shared by every scenario's vNmodel/ classes (their packages differ). */
    private static final Map<String, ClassLoader> VERSION_LOADERS = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        Path scenarios = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> names = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            names.add(args[i]);
        }
        if (names.isEmpty()) {
            try (var dirs = Files.list(scenarios)) {
                dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(names::add);
            }
        }
        Configuration clusterConf = new Configuration();
        clusterConf.set(TaskManagerOptions.NUM_TASK_SLOTS, 16);
        // Any free port: another harness or session cluster on the machine may hold 8081.
        clusterConf.set(RestOptions.BIND_PORT, "0");
        MiniClusterConfiguration mcc = new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(16)
                .build();
        String version = EnvironmentInformation.getVersion();
        int failures = 0;
        try (MiniCluster cluster = new MiniCluster(mcc)) {
            cluster.start();
            for (String name : names) {
                long start = System.nanoTime();
                try {
                    runScenario(cluster, version, scenarios.resolve(name), out.resolve(name), name);
                } catch (Exception e) {
                    failures++;
                    System.err.println("harness: " + name + ": " + ExceptionUtils.stringifyException(e));
                }
                System.err.printf("harness: flink %s %-28s %5.1fs%n", version, name, (System.nanoTime() - start) / 1e9);
            }
        }
        if (failures > 0) {
            System.err.println("harness: " + failures + " scenarios could not be run");
            System.exit(1);
        }
        System.exit(0);
    }

    private static void runScenario(MiniCluster cluster, String version, Path dir, Path out, String name) throws Exception {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("scenario.properties"), StandardCharsets.UTF_8)) {
            props.load(r);
        }
        Files.createDirectories(out);
        // jobs=<scenario> runs another scenario's v1 and v2 with this one's backend and format.
        String jobs = props.getProperty("jobs", name);
        Path jobsDir = dir.resolveSibling(jobs);
        JobClass v1 = jobClass(jobsDir, jobs, "v1");
        JobClass v2 = jobClass(jobsDir, jobs, "v2");
        writeIds(v1, props, out.resolve("v1"));
        writeIds(v2, props, out.resolve("v2"));

        Map<String, Object> outcome = new TreeMap<>();
        outcome.put("scenario", name);
        outcome.put("jobs", jobs);
        outcome.put("flink_version", version);
        outcome.put("description", props.getProperty("description", ""));
        outcome.put("backend", props.getProperty("backend", "hashmap"));
        outcome.put("savepoint_format", props.getProperty("format", "canonical"));

        JobGraph first = jobGraph(v1, props);
        StateReads.reset();
        JobID id = cluster.submitJob(first).get().getJobID();
        String savepoint;
        try {
            waitFor(cluster, id, JobStatus.RUNNING);
            Thread.sleep(RUN_BEFORE_SAVEPOINT_MS);
            // A savepoint needs every task running; a task that loads much
            // (Avro) can still be initialising.
            waitForTasks(cluster, id);
            SavepointFormatType format = "native".equals(props.getProperty("format"))
                    ? SavepointFormatType.NATIVE : SavepointFormatType.CANONICAL;
            Path target = out.resolve("savepoint");
            savepoint = cluster.triggerSavepoint(id, target.toUri().toString(), false, format)
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } finally {
            // Only now that the savepoint completed (or could not be taken)
            // is the old job cancelled; a job left running would feed the
            // next scenario's probes.
            if (!cluster.getJobStatus(id).get().isGloballyTerminalState()) {
                cluster.cancelJob(id).get();
            }
            cluster.requestJobResult(id).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        outcome.put("savepoint", savepoint);
        // The keyed states v1 wrote before its savepoint, as its probes saw them.
        if (!StateReads.isEmpty()) {
            outcome.put("v1_state_read", StateReads.snapshot());
        }
        writeMetadata(savepoint, out.resolve("metadata.json"));

        Map<String, Object> strict = resume(cluster, v2, props, savepoint, false);
        outcome.put("resume", strict);
        // allowNonRestoredState only relaxes the strict check; run it when
        // the strict resume failed, to see whether skipping state helps.
        if ("failed".equals(strict.get("status"))) {
            outcome.put("resume_allow_non_restored", resume(cluster, v2, props, savepoint, true));
        } else {
            outcome.put("resume_allow_non_restored", strict);
        }
        Files.writeString(out.resolve("outcome.json"), Json.write(outcome) + "\n");
    }

    /**
     * Resumes a job from the savepoint and reports whether it stays running or
     * fails, with Flink's message, and what the job's probes (StateReads) saw
     * of its restored keyed state.
     */
    private static Map<String, Object> resume(MiniCluster cluster, JobClass jobClass, Properties props,
            String savepoint, boolean allowNonRestored) throws Exception {
        Map<String, Object> result = new TreeMap<>();
        result.put("allow_non_restored_state", allowNonRestored);
        StateReads.reset();
        JobGraph graph;
        try {
            graph = jobGraph(jobClass, props);
        } catch (Exception e) {
            result.put("status", "failed");
            result.put("stage", "job-graph");
            result.put("message", rootMessage(e));
            return result;
        }
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, allowNonRestored));
        JobID id;
        try {
            id = cluster.submitJob(graph).get().getJobID();
        } catch (Exception e) {
            result.put("status", "failed");
            result.put("stage", "submission");
            result.put("message", rootMessage(e));
            return result;
        }
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        long runningSince = -1;
        while (System.currentTimeMillis() < deadline) {
            JobStatus status = cluster.getJobStatus(id).get();
            if (status.isGloballyTerminalState()) {
                JobResult jr = cluster.requestJobResult(id).get();
                result.put("status", "failed");
                result.put("stage", "restore");
                result.put("message", jr.getSerializedThrowable()
                        .map(t -> rootMessage(t.deserializeError(Harness.class.getClassLoader())))
                        .orElse("job ended " + status));
                return result;
            }
            if (status == JobStatus.RUNNING && tasksRunning(cluster, id)) {
                if (runningSince < 0) {
                    runningSince = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - runningSince > STAY_RUNNING_MS) {
                    result.put("status", "running");
                    cluster.cancelJob(id).get();
                    cluster.requestJobResult(id).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    if (!StateReads.isEmpty()) {
                        result.put("state_read", StateReads.snapshot());
                    }
                    return result;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("job " + id + " neither failed nor kept running within " + TIMEOUT_MS + " ms");
    }

    /** Whether every task of the job is RUNNING (a RUNNING job can still be deploying or initialising tasks). */
    private static boolean tasksRunning(MiniCluster cluster, JobID id) throws Exception {
        for (AccessExecutionVertex v : cluster.getExecutionGraph(id).get().getAllExecutionVertices()) {
            if (v.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    private static void waitForTasks(MiniCluster cluster, JobID id) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!tasksRunning(cluster, id)) {
            // A job that ended fails here with its own message, not a time-out.
            waitFor(cluster, id, JobStatus.RUNNING);
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("job " + id + ": not every task RUNNING within " + TIMEOUT_MS + " ms");
            }
            Thread.sleep(100);
        }
    }

    private static void waitFor(MiniCluster cluster, JobID id, JobStatus want) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            JobStatus status = cluster.getJobStatus(id).get();
            if (status == want) {
                return;
            }
            if (status.isGloballyTerminalState()) {
                JobResult jr = cluster.requestJobResult(id).get();
                throw new IllegalStateException("job " + id + " ended " + status + ": " + jr.getSerializedThrowable()
                        .map(t -> rootMessage(t.deserializeError(Harness.class.getClassLoader()))).orElse(""));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("job " + id + " not " + want + " within " + TIMEOUT_MS + " ms");
    }

    /**
     * A scenario version's job class and the class loader it is defined in;
     * {@code classpath} is non-empty when that loader is a version's own,
     * and then the TaskManager must load the job's classes from it too.
     */
    record JobClass(String name, ClassLoader loader, List<URL> classpath) {
        static JobClass of(String name) {
            return new JobClass(name, Harness.class.getClassLoader(), List.of());
        }
    }

    /** Finds a scenario version's job: in the shared classes, or for a scenario with vNmodel/ in that version's own loader. */
    private static JobClass jobClass(Path dir, String name, String version) throws Exception {
        String cls = "harness.scenarios." + name + "." + version + ".Job";
        if (!Files.isDirectory(dir.resolve(version + "model"))) {
            return JobClass.of(cls);
        }
        Path classes = Path.of(Harness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path own = classes.resolveSibling(version + "model-classes");
        if (!Files.isDirectory(own)) {
            throw new IllegalStateException(own + " is missing: Maven compiles " + version + "model/ trees there");
        }
        URL url = own.toUri().toURL();
        return new JobClass(cls, VERSION_LOADERS.computeIfAbsent(version,
                v -> new URLClassLoader(new URL[] {url}, Harness.class.getClassLoader())), List.of(url));
    }

    private static JobGraph jobGraph(JobClass jobClass, Properties props) throws Exception {
        JobGraph graph = streamGraph(jobClass, props).getJobGraph();
        if (!jobClass.classpath().isEmpty()) {
            graph.setClasspaths(jobClass.classpath());
        }
        return graph;
    }

    static StreamGraph streamGraph(JobClass jobClass, Properties props) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", props.getProperty("backend", "hashmap"));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(jobClass.loader());
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            Method define = Class.forName(jobClass.name(), true, jobClass.loader())
                    .getMethod("define", StreamExecutionEnvironment.class);
            define.invoke(null, env);
            return env.getStreamGraph();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Writes what Flink's own metadata loader (Checkpoints.loadCheckpointMetadata)
     * reads from the savepoint's _metadata, for comparison with uidcheck's decoder.
     */
    private static void writeMetadata(String savepoint, Path file) throws Exception {
        Path dir = Path.of(java.net.URI.create(savepoint));
        org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata md;
        try (var in = new java.io.DataInputStream(Files.newInputStream(dir.resolve("_metadata")))) {
            md = org.apache.flink.runtime.checkpoint.Checkpoints.loadCheckpointMetadata(
                    in, Harness.class.getClassLoader(), savepoint);
        }
        List<Object> ops = new ArrayList<>();
        for (org.apache.flink.runtime.checkpoint.OperatorState op : md.getOperatorStates()) {
            Map<String, Object> o = new TreeMap<>();
            o.put("operator_id", op.getOperatorID().toHexString());
            o.put("parallelism", op.getParallelism());
            o.put("max_parallelism", op.getMaxParallelism());
            o.put("coordinator_state", op.getCoordinatorState() != null);
            o.put("fully_finished", op.isFullyFinished());
            boolean hasState = false;
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            for (org.apache.flink.runtime.checkpoint.OperatorSubtaskState st : op.getSubtaskStates().values()) {
                hasState |= st.hasState();
                for (var h : st.getManagedOperatorState()) {
                    names.addAll(h.getStateNameToPartitionOffsets().keySet());
                }
                for (var h : st.getRawOperatorState()) {
                    names.addAll(h.getStateNameToPartitionOffsets().keySet());
                }
            }
            o.put("has_state", hasState);
            o.put("state_names", new ArrayList<Object>(names));
            ops.add(o);
        }
        Map<String, Object> doc = new TreeMap<>();
        doc.put("checkpoint_id", md.getCheckpointId());
        doc.put("operators", ops);
        Files.writeString(file, Json.write(doc) + "\n");
    }

    /** Writes every StreamNode with the OperatorID Flink's own hasher gives it, or the error it raises. */
    private static void writeIds(JobClass jobClass, Properties props, Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, Object> doc = new TreeMap<>();
        List<Object> nodes = new ArrayList<>();
        try {
            StreamGraph graph = streamGraph(jobClass, props);
            Map<Integer, byte[]> hashes = new StreamGraphHasherV2().traverseStreamGraphAndGenerateHashes(graph);
            for (StreamNode node : graph.getStreamNodes()) {
                Map<String, Object> n = new TreeMap<>();
                n.put("node_id", node.getId());
                n.put("name", node.getOperatorName());
                n.put("uid", node.getTransformationUID());
                n.put("user_hash", node.getUserHash());
                n.put("parallelism", node.getParallelism());
                byte[] hash = hashes.get(node.getId());
                n.put("operator_id", hash == null ? null : StringUtils.byteToHexString(hash));
                nodes.add(n);
            }
        } catch (Exception e) {
            doc.put("error", rootMessage(e));
        }
        doc.put("job", jobClass.name());
        doc.put("operators", nodes);
        Files.writeString(dir.resolve("ids.json"), Json.write(doc) + "\n");
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof java.lang.reflect.InvocationTargetException || root.getMessage() == null) {
                root = root.getCause();
                continue;
            }
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return msg.lines().findFirst().orElse(msg);
    }

    private Harness() {}

    /** A minimal JSON writer for maps, lists, strings, numbers, booleans and null. */
    static final class Json {
        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(b, o, "");
            return b.toString();
        }

        private static void write(StringBuilder b, Object o, String indent) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof String s) {
                b.append('"');
                for (char c : s.toCharArray()) {
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                b.append(String.format("\\u%04x", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            } else if (o instanceof Map<?, ?> m) {
                b.append("{");
                String inner = indent + "  ";
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(first ? "\n" : ",\n").append(inner);
                    write(b, String.valueOf(e.getKey()), inner);
                    b.append(": ");
                    write(b, e.getValue(), inner);
                    first = false;
                }
                b.append(first ? "}" : "\n" + indent + "}");
            } else if (o instanceof List<?> l) {
                b.append("[");
                String inner = indent + "  ";
                boolean first = true;
                for (Object e : l) {
                    b.append(first ? "\n" : ",\n").append(inner);
                    write(b, e, inner);
                    first = false;
                }
                b.append(first ? "]" : "\n" + indent + "]");
            } else {
                b.append(o);
            }
        }
    }
}
