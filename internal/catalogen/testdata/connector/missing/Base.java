package missing;

import org.apache.flink.api.common.functions.MapFunction;

public abstract class Base implements MapFunction<String, String> {}
