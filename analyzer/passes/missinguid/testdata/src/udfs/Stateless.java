package udfs;

import org.apache.flink.api.common.functions.RichMapFunction;

public class Stateless extends RichMapFunction<String, String> {
    public String map(String v) { return v; }
}
