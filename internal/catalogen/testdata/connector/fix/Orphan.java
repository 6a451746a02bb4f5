package fix;

import org.apache.flink.api.common.functions.MapFunction;

/** Its superclass is in no scanned jar. */
public class Orphan extends missing.Base implements MapFunction<String, String> {
    public String map(String v) {
        return v;
    }
}
