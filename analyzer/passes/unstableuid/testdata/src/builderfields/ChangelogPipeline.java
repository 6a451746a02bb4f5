package builderfields;

import java.util.Locale;
import java.util.Properties;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// A library's pipeline builder: the uid prefix and suffix come from fields
// set by fluent setters, by the constructor, by a configure step reading the
// deployment's settings, or by a preset. All are the same on every
// submission that is configured the same way: information, never errors.
public class ChangelogPipeline {
    private static final String DEFAULT_PREFIX = "changelog";

    private final StreamExecutionEnvironment env;
    private final String table;
    private String uidPrefix;
    private String uidSuffix = "v1";
    private String region;
    private Properties settings = new Properties();

    public ChangelogPipeline(StreamExecutionEnvironment env, String table) {
        this.env = env;
        this.table = table;
    }

    public ChangelogPipeline uidPrefix(String prefix) {
        String normalised = prefix.trim().toLowerCase(Locale.ROOT);
        this.uidPrefix = normalised;
        return this;
    }

    public ChangelogPipeline defaultUidPrefix() {
        this.uidPrefix = DEFAULT_PREFIX;
        return this;
    }

    public ChangelogPipeline uidSuffix(String suffix) {
        this.uidSuffix = suffix;
        return this;
    }

    public ChangelogPipeline configure() {
        region = System.getenv("REGION");
        uidSuffix = settings.getProperty("uid.suffix", uidSuffix);
        return this;
    }

    public DataStream<Long> build() {
        DataStream<Long> rows = env.fromSequence(0, 100)
                .uid(uidPrefix + "-source"); // want "uid of \"fromSequence\" depends on configuration \\(uidPrefix \\+ \"-source\", from the field uidPrefix"
        return rows.keyBy(v -> v % 8)
                .sum(0)
                .uid(table + "-sum-" + uidSuffix) // want "uid of \"sum\" depends on configuration \\(table \\+ \"-sum-\" \\+ uidSuffix, from the field table, set by ChangelogPipeline's constructor"
                .map(v -> v)
                .uid(uidPrefix + "-" + region); // want "uid of \"map\" depends on configuration"
    }
}
