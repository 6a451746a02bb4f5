package harness.scenarios.avro_incompatible.v2;

import harness.common.Slow;
import harness.common.StateReads;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** The Avro GenericRecord state "tally" gains a field without a default: old records cannot be read with the new schema. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("avro_incompatible");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .keyBy(v -> v % 8)
                .process(new Counter()).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** The Avro schema of the state, as a .avsc text. */
    public static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Tally\",\"namespace\":\"harness.avro\",\"fields\":[{\"name\":\"count\",\"type\":\"long\"},{\"name\":\"note\",\"type\":\"string\"}]}";

    /** Counts records per key in an Avro GenericRecord. */
    public static class Counter extends KeyedProcessFunction<Long, Long, Long> {
        private transient Schema schema;
        private transient ValueState<GenericRecord> tally;

        @Override
        public void open(OpenContext context) {
            schema = new Schema.Parser().parse(SCHEMA);
            tally = getRuntimeContext().getState(new ValueStateDescriptor<>("tally", new GenericRecordAvroTypeInfo(schema)));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            GenericRecord previous = tally.value();
            StateReads.first("tally", ctx.getCurrentKey(), previous != null);
            long count = (previous == null ? 0L : (Long) previous.get("count")) + 1;
            GenericRecord next = new GenericData.Record(schema);
            next.put("count", count);
            next.put("note", "v2");
            tally.update(next);
            out.collect(count);
        }
    }
}
