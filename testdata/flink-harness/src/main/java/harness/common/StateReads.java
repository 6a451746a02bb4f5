package harness.common;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a restored job could read of its keyed state: for each state name,
 * how many keys the job touched and for how many of them the first read found
 * a restored value. A renamed or removed state shows here as a name whose
 * keys all start empty, or as no name at all. The Harness resets it before
 * each resume and writes it to outcome.json as "state_read"; the MiniCluster
 * runs tasks in the Harness's JVM, and this class is loaded by the Harness's
 * class loader, never a job's.
 */
public final class StateReads {
    private static final Map<String, Set<Object>> SEEN = new ConcurrentHashMap<>();
    private static final Map<String, Set<Object>> RESTORED = new ConcurrentHashMap<>();

    private StateReads() {}

    /** Records the first read of {@code state} for {@code key}; later reads of the same key are ignored. */
    public static void first(String state, Object key, boolean restored) {
        if (SEEN.computeIfAbsent(state, s -> ConcurrentHashMap.newKeySet()).add(key) && restored) {
            RESTORED.computeIfAbsent(state, s -> ConcurrentHashMap.newKeySet()).add(key);
        }
    }

    public static void reset() {
        SEEN.clear();
        RESTORED.clear();
    }

    public static boolean isEmpty() {
        return SEEN.isEmpty();
    }

    /** {"<state>": {"keys": n, "restored": m}} in name order. */
    public static Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        SEEN.forEach((state, keys) -> {
            Map<String, Object> m = new TreeMap<>();
            m.put("keys", keys.size());
            m.put("restored", RESTORED.getOrDefault(state, Set.of()).size());
            out.put(state, m);
        });
        return out;
    }
}
