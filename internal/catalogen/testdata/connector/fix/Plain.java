package fix;

import org.apache.flink.api.common.functions.MapFunction;

public class Plain implements MapFunction<String, String> {
    public String map(String v) {
        return v.trim();
    }
}
