package harness;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorBackendSerializationProxy;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.changelog.ChangelogStateBackendHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;

/**
 * Reads the state descriptions of savepoints with Flink's own classes: the
 * _metadata through Checkpoints.loadCheckpointMetadata, then the
 * KeyedBackendSerializationProxy and OperatorBackendSerializationProxy at the
 * head of every managed keyed and operator state stream, as a restore does.
 * One JSON object per argument, on one line:
 * {"dir", "error"} or {"dir", "operators": [{"operator_id", "key_serializer",
 * "states": [{"name", "backend", "kind", "serializers": {key: snapshot class}}]}]}.
 * States are merged over subtasks by backend type and name, first seen wins,
 * as uidcheck does; the e2e suite compares the two.
 */
public final class StateMeta {
    private StateMeta() {}

    public static void main(String[] args) {
        for (String dir : args) {
            StringBuilder out = new StringBuilder();
            try {
                out.append("{\"dir\":").append(quote(dir)).append(",\"operators\":[");
                writeOperators(dir, out);
                out.append("]}");
            } catch (Throwable e) {
                out.setLength(0);
                out.append("{\"dir\":").append(quote(dir)).append(",\"error\":")
                        .append(quote(String.valueOf(e))).append('}');
            }
            System.out.println(out);
        }
    }

    private static void writeOperators(String dir, StringBuilder out) throws Exception {
        ClassLoader cl = StateMeta.class.getClassLoader();
        CheckpointMetadata md;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(Path.of(dir, "_metadata")))) {
            md = Checkpoints.loadCheckpointMetadata(in, cl, dir);
        }
        boolean first = true;
        for (OperatorState op : md.getOperatorStates()) {
            Map<String, String> states = new LinkedHashMap<>();
            String[] key = {null};
            for (OperatorSubtaskState sub : op.getStates()) {
                for (KeyedStateHandle h : sub.getManagedKeyedState()) {
                    for (StreamStateHandle s : keyedStreams(h)) {
                        readKeyed(s, cl, key, states);
                    }
                }
                for (OperatorStateHandle h : sub.getManagedOperatorState()) {
                    readOperator(h, cl, states);
                }
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"operator_id\":").append(quote(op.getOperatorID().toString()));
            if (key[0] != null) {
                out.append(",\"key_serializer\":").append(quote(key[0]));
            }
            out.append(",\"states\":[").append(String.join(",", states.values())).append("]}");
        }
    }

    /** The streams of a keyed handle that begin with the keyed proxy. */
    private static List<StreamStateHandle> keyedStreams(KeyedStateHandle h) {
        List<StreamStateHandle> out = new ArrayList<>();
        if (h instanceof KeyGroupsStateHandle) {
            out.add(((KeyGroupsStateHandle) h).getDelegateStateHandle());
        } else if (h instanceof IncrementalKeyedStateHandle) {
            out.add(((IncrementalKeyedStateHandle) h).getMetaDataStateHandle());
        } else if (h instanceof ChangelogStateBackendHandle) {
            for (KeyedStateHandle m : ((ChangelogStateBackendHandle) h).getMaterializedStateHandles()) {
                out.addAll(keyedStreams(m));
            }
        }
        return out;
    }

    private static void readKeyed(StreamStateHandle s, ClassLoader cl, String[] key, Map<String, String> states)
            throws Exception {
        try (FSDataInputStream in = s.openInputStream()) {
            KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(cl);
            proxy.read(new DataInputViewStreamWrapper((InputStream) in));
            if (key[0] == null) {
                key[0] = proxy.getKeySerializerSnapshot().getClass().getName();
            }
            for (StateMetaInfoSnapshot m : proxy.getStateMetaInfoSnapshots()) {
                add(m, states);
            }
        }
    }

    private static void readOperator(OperatorStateHandle h, ClassLoader cl, Map<String, String> states)
            throws Exception {
        try (FSDataInputStream in = h.openInputStream()) {
            OperatorBackendSerializationProxy proxy = new OperatorBackendSerializationProxy(cl);
            proxy.read(new DataInputViewStreamWrapper((InputStream) in));
            for (StateMetaInfoSnapshot m : proxy.getOperatorStateMetaInfoSnapshots()) {
                add(m, states);
            }
            for (StateMetaInfoSnapshot m : proxy.getBroadcastStateMetaInfoSnapshots()) {
                add(m, states);
            }
        }
    }

    private static void add(StateMetaInfoSnapshot m, Map<String, String> states) {
        String id = m.getBackendStateType() + "/" + m.getName();
        if (states.containsKey(id)) {
            return;
        }
        String kind = m.getOptionsImmutable().getOrDefault("KEYED_STATE_TYPE",
                m.getOptionsImmutable().get("OPERATOR_STATE_DISTRIBUTION_MODE"));
        StringBuilder b = new StringBuilder();
        b.append("{\"name\":").append(quote(m.getName()))
                .append(",\"backend\":").append(quote(m.getBackendStateType().name()))
                .append(",\"kind\":").append(kind == null ? "null" : quote(kind))
                .append(",\"serializers\":{");
        boolean first = true;
        for (Map.Entry<String, TypeSerializerSnapshot<?>> e :
                new TreeMap<>(m.getSerializerSnapshotsImmutable()).entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(quote(e.getKey())).append(':').append(quote(e.getValue().getClass().getName()));
        }
        states.put(id, b.append("}}").toString());
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
