package configured;

import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;

// Library-style code, as in connector libraries: the uid comes from builder
// fields that the caller sets. The same configuration gives the same uid on
// every submission, so this is information, not an error.
public class EnrichPipeline {
    private String uidPrefix = "enrich";
    private String uidSuffix;
    private final String name;

    public EnrichPipeline(String name) {
        this.name = name;
    }

    public EnrichPipeline setUidPrefix(String uidPrefix) {
        this.uidPrefix = uidPrefix;
        return this;
    }

    public EnrichPipeline uidSuffix(String suffix) {
        this.uidSuffix = Objects.requireNonNull(suffix);
        return this;
    }

    public DataStream<String> build(DataStream<String> in) {
        return in.keyBy(s -> s).reduce((a, b) -> a).uid(uidPrefix + "-reduce") // want "depends on configuration \\(uidPrefix \\+ \"-reduce\", from the field uidPrefix, set by EnrichPipeline's setters\\)"
                .map(s -> s).uid("map-" + uidSuffix) // want "from the field uidSuffix, set by EnrichPipeline's setters"
                .filter(s -> true).uid(name + "-filter"); // want "from the field name, set by EnrichPipeline's constructor"
    }

    public void withParameter(DataStream<String> in, String prefix) {
        in.map(s -> s).uid(prefix + "-param"); // want "from the parameter prefix"
    }
}
