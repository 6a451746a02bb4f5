package harness.scenarios.opstate_union_to_list.v1;

import harness.common.Slow;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** The operator union list state "last" is re-registered as (split) list state. */
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute("opstate_union_to_list");
    }

    public static void define(StreamExecutionEnvironment env) {
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers")
                .map(new Slow()).uid("slow")
                .map(new Last()).uid("last")
                .sinkTo(new DiscardingSink<>()).uid("sink");
    }

    /** Keeps the last record it passed as operator list state (union redistribution). */
    public static class Last implements MapFunction<Long, Long>, CheckpointedFunction {
        private transient ListState<Long> last;
        private long value;

        @Override
        public Long map(Long record) {
            value = record;
            return record;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            last.update(List.of(value));
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            last = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("last", Long.class));
        }
    }
}
